package io.artstore.admin.application.transfer;

import io.artstore.admin.domain.transfer.ItemState;
import io.artstore.admin.infrastructure.JobLeaseRepository;
import io.artstore.admin.infrastructure.TransferRepository;
import io.artstore.shared.infrastructure.db.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps transfers' bookkeeping honest across crashes. At start it hands the resource adapter
 * admin's token (its recovery of in-doubt branches needs it) and then, every 10 s, renews this
 * coordinator's liveness lease and closes the items coordinators that are gone left open: an item
 * still {@code staging} after its transaction resolved was rolled back (a commit would have marked
 * it committed in the same transaction), and {@code pending} items never started. Nothing is closed
 * while PostgreSQL still holds prepared transactions: recovery may yet commit them.
 */
@ApplicationScoped
public class TransferJanitor {
  private static final Logger LOG = Logger.getLogger(TransferJanitor.class.getName());
  private static final Duration LEASE = Duration.ofSeconds(30);

  @Inject TransferCoordinator coordinator;
  @Inject TransferRepository transfers;
  @Inject JobLeaseRepository leases;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  void start(@Observes SchemaReady ready) {
    if (task != null) {
      return;
    }
    try {
      coordinator.participants();
    } catch (TransferCoordinator.Unavailable e) {
      LOG.info("Transfers are not available on this server: " + e.getMessage());
      return;
    }
    task = scheduler.scheduleWithFixedDelay(this::tidySafely, 0, 10, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
      try {
        leases.release(leaseName(), coordinator.run());
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Coordinator lease not released", e);
      }
    }
  }

  private String leaseName() {
    return "transfer-coordinator:" + coordinator.run();
  }

  private void tidySafely() {
    try {
      tidy();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Transfer bookkeeping pass failed; retried in 10 s", e);
    }
  }

  /** One pass; returns how many items it closed. */
  public int tidy() {
    leases.acquire(leaseName(), coordinator.run(), LEASE);
    var open = transfers.openItemsNotOf(coordinator.run());
    if (open.isEmpty() || transfers.preparedTransactions() > 0) {
      return 0;
    }
    Set<UUID> touched = new HashSet<>();
    for (TransferRepository.OpenItem o : open) {
      boolean started = o.item().state() == ItemState.STAGING;
      transfers.update(
          o.transferId(),
          o.item().position(),
          started ? ItemState.ROLLED_BACK : ItemState.FAILED,
          null,
          null,
          "INTERRUPTED",
          started
              ? "The coordinator stopped before the commit; the transfer was rolled back."
              : "The coordinator stopped before this file's turn.",
          null);
      touched.add(o.transferId());
    }
    touched.forEach(transfers::finishIfDone);
    LOG.info("Closed " + open.size() + " transfer items left open by stopped coordinators");
    return open.size();
  }
}
