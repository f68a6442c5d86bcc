package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.shared.config.ServiceInfo;
import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.domain.ElementState;
import io.artstore.storage.domain.Operation;
import io.artstore.storage.infrastructure.BlobStores;
import io.artstore.storage.infrastructure.ElementStateFile;
import io.artstore.storage.infrastructure.ElementStorage;
import io.artstore.storage.infrastructure.ModeHistoryRepository;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.wal.WalEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The element itself: its identity and mode (from the state file in its data directory), its
 * capacity, and mode transitions.
 */
@ApplicationScoped
public class ElementService {
  private static final Logger LOG = Logger.getLogger(ElementService.class.getName());

  @Inject ElementSettings settings;
  @Inject ServiceInfo serviceInfo;
  @Inject ModeHistoryRepository history;

  private ElementStateFile stateFile;
  private volatile ElementState state;
  private volatile ElementStorage storage;
  private volatile CapacityLedger ledger;
  private volatile long usableCheckedAt;
  private volatile long usableBytes;

  /**
   * Opens the data directory and the storage at start-up ({@link ElementStartup}). A directory that
   * belongs to another element stops the start: serving it under this id would mix two elements'
   * files.
   */
  void open() throws IOException {
    Files.createDirectories(settings.dataDir());
    BlobStore blobs = BlobStores.create(settings);
    storage = ElementStorage.open(blobs, settings.dataDir(), settings.walDir().orElse(null));
    ledger = new CapacityLedger(this::limit);
    openState();
  }

  private void openState() throws IOException {
    stateFile = new ElementStateFile(settings.dataDir());
    ElementMode configured = settings.configuredMode();
    ElementState loaded = stateFile.read().orElse(null);
    Instant now = Instant.now();
    if (loaded == null) {
      state = ElementState.create(settings.id(), configured, now);
      stateFile.write(state);
      LOG.info(
          () ->
              "New storage element "
                  + state.elementId()
                  + " in "
                  + settings.dataDir()
                  + ", mode "
                  + configured.wireName());
      return;
    }
    if (!loaded.elementId().equals(settings.id())) {
      throw new IllegalStateException(
          settings.dataDir()
              + " belongs to element "
              + loaded.elementId()
              + ", not "
              + settings.id()
              + ": fix ARTSTORE_SE_ID or ARTSTORE_SE_DATA_DIR");
    }
    if (loaded.configurationMovesModeTo(configured)) {
      state = loaded.withMode(configured, now).withConfiguredMode(configured, now);
      stateFile.write(state);
      LOG.warning(
          () ->
              "Element "
                  + state.elementId()
                  + " mode changed by configuration: "
                  + loaded.mode().wireName()
                  + " -> "
                  + configured.wireName());
      history.record(state.elementId(), loaded.mode(), configured, "configuration", now);
    } else {
      state = loaded;
      if (loaded.configuredMode() != configured) {
        state = loaded.withConfiguredMode(configured, now);
        stateFile.write(state);
      }
      if (loaded.mode() != configured) {
        LOG.warning(
            () ->
                "Element "
                    + loaded.elementId()
                    + " stays in mode "
                    + loaded.mode().wireName()
                    + "; ARTSTORE_SE_MODE="
                    + configured.wireName()
                    + " changes it only when the setting changes, and only out of edit or ar");
      }
    }
  }

  public ElementState state() {
    return state;
  }

  public ElementStorage storage() {
    return storage;
  }

  public CapacityLedger ledger() {
    return ledger;
  }

  /**
   * What the element may hold in all: the configured maximum, bounded by what the medium really has
   * (bytes held + bytes it can still take). The medium is asked at most once a second.
   */
  private long limit() {
    long now = System.nanoTime();
    if (now - usableCheckedAt > 1_000_000_000L || usableCheckedAt == 0) {
      try {
        usableBytes = storage.blobs().usableSpace().orElse(Long.MAX_VALUE / 4);
      } catch (IOException e) {
        LOG.warning(() -> "Free space of the element's storage unknown: " + e);
        usableBytes = 0;
      }
      usableCheckedAt = now;
    }
    long physical = ledger.used() + usableBytes;
    return settings.maxSizeBytes().isPresent()
        ? Math.min(settings.maxSizeBytes().getAsLong(), physical)
        : physical;
  }

  public boolean ready() {
    return state != null
        && storage != null
        && Files.isDirectory(settings.dataDir())
        && Files.isWritable(settings.dataDir())
        && storage.blobs().reachable();
  }

  public ElementInfo info() {
    ElementState current = state;
    long used = ledger.used();
    long total = ledger.total();
    return new ElementInfo(
        current.elementId(),
        settings.name(),
        settings.displayName(),
        serviceInfo.version(),
        current.mode().wireName(),
        storage.blobs().type(),
        storage.blobs().reachable() ? "online" : "degraded",
        settings.priority(),
        ElementInfo.Capacity.of(total, used),
        ledger.files(),
        current.mode().allowedOperations().stream()
            .sorted(Comparator.naturalOrder())
            .map(Operation::wireName)
            .toList(),
        current.mode() == ElementMode.EDIT ? settings.retentionDays() : null);
  }

  /** Moves the element to {@code target} if the API may (rw → ro → ar); persists it first. */
  public synchronized Transition transition(ElementMode target) {
    ElementState before = state;
    if (!before.mode().canTransitionByApiTo(target)) {
      throw new ApiException(
          ProblemCode.INVALID_TRANSITION,
          "An element in mode "
              + before.mode().wireName()
              + " cannot move to "
              + target.wireName()
              + " by API: only rw -> ro and ro -> ar are allowed.");
    }
    Instant now = Instant.now();
    ElementState after = before.withMode(target, now);
    UUID txId = UUID.randomUUID();
    try {
      storage
          .wal()
          .begin(
              new WalEntry(
                  txId,
                  WalEntry.Operation.MODE,
                  null,
                  null,
                  0,
                  now,
                  before.mode().wireName() + "->" + target.wireName()));
      stateFile.write(after);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not persist the new mode", e);
    }
    state = after;
    storage.wal().commit(txId);
    LOG.info(
        () ->
            "Element "
                + after.elementId()
                + " mode "
                + before.mode().wireName()
                + " -> "
                + target.wireName());
    history.record(after.elementId(), before.mode(), target, "api", now);
    return new Transition(after.elementId(), before.mode().wireName(), target.wireName(), now);
  }

  /** The answer to a mode transition. */
  public record Transition(
      @Schema(example = "se-rw-1") String elementId,
      @Schema(example = "rw") String previousMode,
      @Schema(example = "ro") String mode,
      @Schema(description = "When the new mode was persisted") Instant changedAt) {}
}
