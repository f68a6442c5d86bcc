package io.artstore.admin.application.gc;

import io.artstore.admin.infrastructure.GcRepository;
import io.artstore.shared.infrastructure.db.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a GC pass every {@code artstore.gc.interval} (default 1 h; 0 = off), the first one {@code
 * min(interval, 5 min)} after start. Every replica schedules it; the {@code gc} lease lets one pass
 * run at a time, and a replica skips its turn when any replica finished a pass less than half an
 * interval ago, so a cluster runs about one pass per interval.
 */
@ApplicationScoped
public class GcScheduler {
  private static final Logger LOG = Logger.getLogger(GcScheduler.class.getName());

  @Inject GarbageCollector collector;
  @Inject GcRepository repository;
  @Inject GcSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> job;

  void onSchemaReady(@Observes SchemaReady ignored) {
    Duration every = settings.interval();
    if (every.isZero() || every.isNegative()) {
      LOG.info("Retention GC is off (interval 0); POST /api/v1/gc/run still runs a pass");
      return;
    }
    long millis = Math.max(1000, every.toMillis());
    long first = Math.min(millis, Duration.ofMinutes(5).toMillis());
    job = scheduler.scheduleWithFixedDelay(this::run, first, millis, TimeUnit.MILLISECONDS);
    LOG.info(() -> "Retention GC every " + every);
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(false);
    }
  }

  /** Never throws: a scheduled task that throws is never run again. */
  void run() {
    try {
      Optional<GcRepository.Run> last = repository.lastRun();
      Duration half = settings.interval().dividedBy(2);
      if (last.isPresent() && last.get().finishedAt().plus(half).isAfter(Instant.now())) {
        LOG.fine("GC pass skipped: another pass finished recently");
        collector.refreshPending();
        return;
      }
      collector.runPass(GarbageCollector.Trigger.SCHEDULED, false);
    } catch (GarbageCollector.Busy e) {
      LOG.fine("GC pass skipped: another replica is running one");
    } catch (Throwable e) {
      LOG.log(Level.WARNING, "GC pass failed: " + e, e);
    }
  }
}
