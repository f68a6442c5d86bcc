package io.artstore.storage.application;

import io.artstore.shared.infrastructure.db.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens the element in order at start-up: state file and storage, then recovery of whatever a crash
 * left, before the first request is served. Then keeps replaying cache updates that waited for
 * PostgreSQL.
 */
@ApplicationScoped
public class ElementStartup {
  private static final Logger LOG = Logger.getLogger(ElementStartup.class.getName());

  @Inject ElementService element;
  @Inject RecoveryService recovery;
  @Inject TransferService transfers;
  @Inject ElementSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> replay;
  private ScheduledFuture<?> transferSweep;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
    element.open();
    recovery.recover();
    // Transfer branches after the WAL: a decided commit redoes whatever the WAL recovery undid.
    transfers.recover();
    // Counted afresh after both (a completed commit changed files and bytes), then the staged
    // copies still held take their room again.
    recovery.initialiseLedger();
    transfers.reserveHeld();
    replay = scheduler.scheduleWithFixedDelay(this::replay, 5, 5, TimeUnit.SECONDS);
    long sweepMillis = Math.max(1_000, Math.min(60_000, settings.stagingTtl().toMillis() / 4));
    transferSweep =
        scheduler.scheduleWithFixedDelay(
            this::sweepTransfers, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  /** The schema became available: catch up at once. */
  void onSchemaReady(@Observes SchemaReady ready) {
    if (element.storage() != null) {
      replay();
    }
  }

  private void replay() {
    try {
      if (element.storage().wal().openEntries() > 0) {
        recovery.replayPublished();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Cache replay failed", e);
    }
  }

  private void sweepTransfers() {
    try {
      transfers.sweep();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Transfer sweep failed", e);
    }
  }

  @PreDestroy
  void stop() {
    if (replay != null) {
      replay.cancel(false);
    }
    if (transferSweep != null) {
      transferSweep.cancel(false);
    }
    try {
      if (element.storage() != null) {
        element.storage().blobs().close();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Closing the blob store", e);
    }
  }
}
