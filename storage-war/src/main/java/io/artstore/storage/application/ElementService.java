package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.shared.config.ServiceInfo;
import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.domain.ElementState;
import io.artstore.storage.domain.Operation;
import io.artstore.storage.infrastructure.DiskUsage;
import io.artstore.storage.infrastructure.ElementStateFile;
import io.artstore.storage.infrastructure.ModeHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Comparator;
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
  @Inject DiskUsage diskUsage;
  @Inject ModeHistoryRepository history;

  private ElementStateFile stateFile;
  private volatile ElementState state;

  /**
   * Opens the data directory at start-up. A directory that belongs to another element stops the
   * start: serving it under this id would mix two elements' files.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
    Files.createDirectories(settings.dataDir());
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
    if (loaded.mode().canBeChangedByConfigurationTo(configured)) {
      state = loaded.withMode(configured, now);
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
      if (loaded.mode() != configured) {
        LOG.warning(
            () ->
                "Element "
                    + loaded.elementId()
                    + " stays in mode "
                    + loaded.mode().wireName()
                    + " (reached by API); ARTSTORE_SE_MODE="
                    + configured.wireName()
                    + " is ignored");
      }
    }
  }

  public ElementState state() {
    return state;
  }

  public boolean ready() {
    return state != null
        && Files.isDirectory(settings.dataDir())
        && Files.isWritable(settings.dataDir());
  }

  public ElementInfo info() {
    ElementState current = state;
    DiskUsage.Usage usage = diskUsage.usage(settings.dataDir());
    long used = usage.usedBytes();
    long physicalLimit = used + usage.usableBytes();
    long total =
        settings.maxSizeBytes().isPresent()
            ? Math.min(settings.maxSizeBytes().getAsLong(), physicalLimit)
            : physicalLimit;
    return new ElementInfo(
        current.elementId(),
        settings.name(),
        settings.displayName(),
        serviceInfo.version(),
        current.mode().wireName(),
        "local",
        "online",
        settings.priority(),
        ElementInfo.Capacity.of(total, used),
        usage.fileCount(),
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
    try {
      stateFile.write(after);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not persist the new mode", e);
    }
    state = after;
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
