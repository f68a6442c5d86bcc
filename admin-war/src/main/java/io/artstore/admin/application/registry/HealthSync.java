package io.artstore.admin.application.registry;

import io.artstore.admin.infrastructure.JobLeaseRepository;
import io.artstore.shared.config.Durations;
import io.artstore.shared.infrastructure.db.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduled health sync (SPEC §4): every {@code artstore.registry.health-sync-interval}
 * (default 30 s) polls every element's /info through its circuit breaker and records mode, capacity
 * and status, then publishes the snapshot. One admin replica at a time does it: the one holding the
 * {@code registry-health-sync} lease in {@code job_leases} (renewed every pass, valid for three
 * intervals so a stopped replica's lease soon passes to another).
 */
@ApplicationScoped
public class HealthSync {
  private static final Logger LOG = Logger.getLogger(HealthSync.class.getName());
  static final String LEASE = "registry-health-sync";

  @Inject StorageRegistry registry;
  @Inject DiscoveryPublisher publisher;
  @Inject JobLeaseRepository leases;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "artstore.registry.health-sync-interval", defaultValue = "30s")
  String interval;

  private final String holder = holderName();
  private ScheduledFuture<?> job;
  private volatile boolean leader;

  void onSchemaReady(@Observes SchemaReady ignored) {
    Duration every = Durations.parse(interval);
    if (every.isZero()) {
      LOG.info("Storage-element health sync is off (interval 0)");
      return;
    }
    long millis = Math.max(1000, every.toMillis());
    job = scheduler.scheduleWithFixedDelay(this::run, millis, millis, TimeUnit.MILLISECONDS);
    LOG.info(() -> "Storage-element health sync every " + every + " (lease holder " + holder + ")");
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(false);
    }
    if (leader) {
      try {
        leases.release(LEASE, holder);
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Lease not released", e);
      }
    }
  }

  void run() {
    try {
      Duration every = Durations.parse(interval);
      boolean holds = leases.acquire(LEASE, holder, every.multipliedBy(3));
      if (holds != leader) {
        leader = holds;
        LOG.info(
            () ->
                holds
                    ? "This replica runs the storage-element health sync"
                    : "Another admin replica runs the storage-element health sync");
      }
      if (!holds) {
        return;
      }
      int checked = registry.healthSyncPass();
      LOG.fine(() -> "Health sync checked " + checked + " elements");
      publisher.publishNow();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Health sync pass failed: " + e, LOG.isLoggable(Level.FINE) ? e : null);
    }
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
