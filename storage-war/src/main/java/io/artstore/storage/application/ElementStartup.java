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

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> replay;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) throws IOException {
    element.open();
    recovery.recover();
    replay = scheduler.scheduleWithFixedDelay(this::replay, 5, 5, TimeUnit.SECONDS);
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

  @PreDestroy
  void stop() {
    if (replay != null) {
      replay.cancel(false);
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
