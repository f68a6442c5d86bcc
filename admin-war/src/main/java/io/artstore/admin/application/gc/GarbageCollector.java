package io.artstore.admin.application.gc;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.registry.Actor;
import io.artstore.admin.application.security.AdminElementToken;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.domain.gc.GcRules;
import io.artstore.admin.domain.registry.ElementStatus;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.admin.infrastructure.GcRepository;
import io.artstore.admin.infrastructure.GcRepository.Candidate;
import io.artstore.admin.infrastructure.JobLeaseRepository;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.admin.infrastructure.TransferRepository;
import io.artstore.shared.client.storage.StorageElementClients;
import io.artstore.shared.client.storage.StorageElementGcApi;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * One GC pass (SPEC §4): removes temporary files past their expiry and deleted files past the grace
 * through their element's GC endpoint, records each removal (registry status, {@code purged_at},
 * {@code file.purged} in the outbox, audit), retries failures with exponential back-off, and raises
 * {@code file.expiring} once per file. One pass at a time across admin replicas: the pass holds the
 * {@code gc} lease in {@code job_leases} while it runs (renewed every batch, released at its end).
 */
@ApplicationScoped
public class GarbageCollector {
  private static final Logger LOG = Logger.getLogger(GarbageCollector.class.getName());
  static final String LEASE = "gc";

  /** A pass renews the lease every batch; a crashed replica's lease passes on after this. */
  private static final Duration LEASE_DURATION = Duration.ofMinutes(10);

  static final Actor GC = new Actor("gc", "system");

  @Inject GcRepository repository;
  @Inject StorageElementRepository elements;
  @Inject StorageElementClients clients;
  @Inject JobLeaseRepository leases;
  @Inject AdminElementToken token;
  @Inject GcSettings settings;
  @Inject AuditLog audit;
  @Inject TransferRepository transfers;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final String holder = holderName();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong lastRunEpochSeconds = new AtomicLong();
  private Counter runs;
  private Counter purgedTotal;
  private Counter failuresTotal;
  private Counter expiringTotal;

  /** What started a pass. */
  public enum Trigger {
    SCHEDULED("scheduled"),
    MANUAL("manual");

    final String wireName;

    Trigger(String wireName) {
      this.wireName = wireName;
    }
  }

  /** The outcome of a pass. */
  public record Summary(
      String trigger,
      Instant startedAt,
      Instant finishedAt,
      boolean ignoredBackoff,
      int examined,
      int purged,
      int failed,
      int skipped,
      int expiringEvents,
      long pending) {}

  /** Another admin replica is running a pass now. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super("Another admin replica is running a GC pass");
    }
  }

  @PostConstruct
  void registerMetrics() {
    runs = metrics.counter("artstore_gc_runs");
    purgedTotal = metrics.counter("artstore_gc_files_purged");
    failuresTotal = metrics.counter("artstore_gc_failures");
    expiringTotal = metrics.counter("artstore_gc_expiring_events");
    metrics.gauge("artstore_gc_pending_files", pending, AtomicLong::get);
    metrics.gauge("artstore_gc_last_run_timestamp_seconds", lastRunEpochSeconds, AtomicLong::get);
  }

  /**
   * Runs one pass now. A scheduled pass honours the back-off of failed files; an operator's pass
   * ({@code ignoreBackoff}) tries every candidate once, so a file whose element is back need not
   * wait for its next attempt. Retention is never bypassed: the element checks it again.
   *
   * @throws Busy when another replica holds the lease
   */
  public synchronized Summary runPass(Trigger trigger, boolean ignoreBackoff) {
    Instant startedAt = Instant.now();
    if (!leases.acquire(LEASE, holder, LEASE_DURATION)) {
      throw new Busy();
    }
    Pass pass = new Pass(ignoreBackoff);
    String error = null;
    try {
      pass.purgeDue();
      pass.removeTransferredCopies();
      pass.raiseExpiring();
    } catch (RuntimeException e) {
      // The database went away mid-pass, say: what was done stays done; the next pass goes on.
      error = e.toString();
      LOG.log(Level.WARNING, "GC pass stopped early: " + e, e);
    } finally {
      try {
        leases.release(LEASE, holder);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "GC lease not released", e);
      }
    }
    Instant finishedAt = Instant.now();
    runs.inc();
    lastRunEpochSeconds.set(finishedAt.getEpochSecond());
    long stillPending = refreshPending();
    Summary summary =
        new Summary(
            trigger.wireName,
            startedAt,
            finishedAt,
            ignoreBackoff,
            pass.examined,
            pass.purged,
            pass.failed,
            pass.skipped,
            pass.expiring,
            stillPending);
    try {
      repository.recordRun(
          new GcRepository.Run(
              0,
              trigger.wireName,
              holder,
              startedAt,
              finishedAt,
              pass.examined,
              pass.purged,
              pass.failed,
              pass.skipped,
              pass.expiring,
              error));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "GC run not recorded: " + e, e);
    }
    LOG.info(
        () ->
            "GC pass ("
                + trigger.wireName
                + "): examined "
                + summary.examined()
                + ", purged "
                + summary.purged()
                + ", failed "
                + summary.failed()
                + ", skipped "
                + summary.skipped()
                + ", expiring events "
                + summary.expiringEvents()
                + ", pending "
                + summary.pending());
    return summary;
  }

  /** Re-counts the files waiting for removal (also for the metric). */
  public long refreshPending() {
    try {
      Instant now = Instant.now();
      long count = repository.pending(now, now.minus(settings.deletedGrace()));
      pending.set(count);
      return count;
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "GC pending count failed", e);
      return pending.get();
    }
  }

  /** The state of one pass: counts, the elements it looked up, the ones that failed it. */
  private final class Pass {
    final boolean ignoreBackoff;
    final Map<String, Optional<StorageElement>> elementsById = new HashMap<>();

    /** Elements that did not answer in this pass: their other files are not tried again now. */
    final Map<String, String> unreachable = new LinkedHashMap<>();

    int examined;
    int purged;
    int failed;
    int skipped;
    int expiring;

    Pass(boolean ignoreBackoff) {
      this.ignoreBackoff = ignoreBackoff;
    }

    void purgeDue() {
      Duration grace = settings.deletedGrace();
      UUID after = null;
      while (true) {
        Instant now = Instant.now();
        List<Candidate> batch =
            repository.candidates(
                now, now.minus(grace), now, ignoreBackoff, after, settings.batchSize());
        for (Candidate candidate : batch) {
          after = candidate.fileId();
          examined++;
          purgeOne(candidate, grace);
        }
        if (batch.size() < settings.batchSize()) {
          return;
        }
        leases.acquire(LEASE, holder, LEASE_DURATION);
      }
    }

    private void purgeOne(Candidate c, Duration grace) {
      Instant now = Instant.now();
      Optional<GcRules.Reason> reason =
          GcRules.purgeReason(
              new GcRules.FileState(c.status(), c.retentionPolicy(), c.expiresAt(), c.deletedAt()),
              now,
              grace);
      if (reason.isEmpty()) {
        // Changed since the selection (the query and the rules agree otherwise).
        skipped++;
        return;
      }
      Optional<StorageElement> element =
          elementsById.computeIfAbsent(c.storageElementId(), elements::findByElementId);
      if (element.isEmpty()) {
        failure(c, "element " + c.storageElementId() + " is not registered");
        skipped++;
        return;
      }
      if (element.get().status() == ElementStatus.OFFLINE) {
        failure(c, "element " + c.storageElementId() + " is offline");
        failed++;
        return;
      }
      String down = unreachable.get(c.storageElementId());
      if (down != null) {
        failure(c, down);
        failed++;
        return;
      }
      try (StorageElementGcApi api =
              clients.gcApi(URI.create(element.get().apiUrl()), settings.callTimeoutMillis());
          Response answer = api.purge(token.bearer(), c.fileId().toString())) {
        int status = answer.getStatus();
        if (status == 204 || status == 200) {
          if (repository.markPurged(
              c.fileId(),
              c.storageElementId(),
              reason.get().statusAfterPurge(),
              reason.get().wireName())) {
            purged++;
            purgedTotal.inc();
            audit.record(
                GC.name(),
                GC.type(),
                "file.purge",
                "file:" + c.fileId(),
                AuditEvent.SUCCESS,
                Map.of(
                    "storage_element_id",
                    c.storageElementId(),
                    "reason",
                    reason.get().wireName(),
                    "attempts",
                    c.gcAttempts() + 1));
          } else {
            skipped++;
          }
          return;
        }
        String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
        if (status == 401) {
          token.invalidate();
        }
        failure(c, describe(status, body));
        failed++;
      } catch (ProcessingException | IOException e) {
        String message = "element " + c.storageElementId() + " did not answer: " + rootMessage(e);
        unreachable.put(c.storageElementId(), message);
        failure(c, message);
        failed++;
      } catch (RuntimeException e) {
        failure(c, "removal failed: " + rootMessage(e));
        failed++;
      }
    }

    /**
     * Copies committed transfers left on their sources (status transferred there): each goes
     * through the source's GC endpoint, which removes it once the source allows (its removal
     * margin; never on ro or ar elements) and answers RETENTION_LOCKED until then.
     */
    void removeTransferredCopies() {
      for (TransferRepository.Removal r : transfers.pendingRemovals(settings.batchSize())) {
        examined++;
        Optional<StorageElement> element =
            elementsById.computeIfAbsent(r.sourceElementId(), elements::findByElementId);
        if (element.isEmpty()) {
          transfers.removalFailed(r, "element " + r.sourceElementId() + " is not registered");
          skipped++;
          continue;
        }
        String down = unreachable.get(r.sourceElementId());
        if (down != null || element.get().status() == ElementStatus.OFFLINE) {
          transfers.removalFailed(r, down != null ? down : "element is offline");
          failed++;
          continue;
        }
        try (StorageElementGcApi api =
                clients.gcApi(URI.create(element.get().apiUrl()), settings.callTimeoutMillis());
            Response answer = api.purge(token.bearer(), r.fileId().toString())) {
          int status = answer.getStatus();
          if (status == 204 || status == 200) {
            transfers.removed(r);
            purged++;
            purgedTotal.inc();
            audit.record(
                GC.name(),
                GC.type(),
                "file.purge",
                "file:" + r.fileId(),
                AuditEvent.SUCCESS,
                Map.of(
                    "storage_element_id",
                    r.sourceElementId(),
                    "reason",
                    "transferred",
                    "transfer_id",
                    r.transferId().toString()));
            continue;
          }
          String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
          if (status == 401) {
            token.invalidate();
          }
          transfers.removalFailed(r, describe(status, body));
          if (status == 409) {
            skipped++; // not yet: the source's margin or mode keeps it
          } else {
            failed++;
          }
        } catch (ProcessingException | IOException e) {
          String message = "element " + r.sourceElementId() + " did not answer: " + rootMessage(e);
          unreachable.put(r.sourceElementId(), message);
          transfers.removalFailed(r, message);
          failed++;
        } catch (RuntimeException e) {
          transfers.removalFailed(r, "removal failed: " + rootMessage(e));
          failed++;
        }
      }
    }

    private void failure(Candidate c, String error) {
      int attempts = c.gcAttempts() + 1;
      Instant next =
          GcRules.nextAttempt(attempts, Instant.now(), settings.retryBase(), settings.retryMax());
      repository.recordFailure(c.fileId(), error, next);
      failuresTotal.inc();
      LOG.fine(() -> "GC of " + c.fileId() + " failed (" + attempts + "): " + error);
    }

    void raiseExpiring() {
      Instant now = Instant.now();
      Instant until = now.plus(settings.expiringWithin());
      while (true) {
        List<Candidate> batch = repository.expiringUnnotified(now, until, settings.batchSize());
        int flagged = 0;
        for (Candidate c : batch) {
          if (GcRules.expiringSoon(
                  c.status(), c.retentionPolicy(), c.expiresAt(), now, settings.expiringWithin())
              && repository.markExpiringNotified(c.fileId(), c.storageElementId(), c.expiresAt())) {
            flagged++;
            expiring++;
            expiringTotal.inc();
          }
        }
        // Flagged rows leave the selection, so the next query moves on by itself; a batch that
        // flagged nothing (another replica was faster) would only repeat itself.
        if (batch.size() < settings.batchSize() || flagged == 0) {
          return;
        }
      }
    }
  }

  /** The element's refusal in one line: status, its problem code and detail when it sent one. */
  static String describe(int status, String body) {
    String code = field(body, "code");
    String detail = field(body, "detail");
    StringBuilder out = new StringBuilder("element answered ").append(status);
    if (code != null) {
      out.append(' ').append(code);
    }
    if (detail != null) {
      out.append(": ").append(detail);
    }
    return out.toString();
  }

  private static String field(String json, String name) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try (jakarta.json.JsonReader reader =
        jakarta.json.Json.createReader(new java.io.StringReader(json))) {
      jakarta.json.JsonObject object = reader.readObject();
      return object.containsKey(name) && !object.isNull(name) ? object.getString(name) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static String holderName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "admin";
    }
    return host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
  }
}
