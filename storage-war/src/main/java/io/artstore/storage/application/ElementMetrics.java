package io.artstore.storage.application;

import io.artstore.storage.domain.transfer.BranchState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/** The element's gauges (SPEC §3.6): capacity, files, open WAL entries. */
@ApplicationScoped
public class ElementMetrics {
  @Inject ElementService element;
  @Inject TransferService transfers;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    metrics.gauge("artstore_se_capacity_total_bytes", element, e -> ledger(e).total());
    metrics.gauge("artstore_se_capacity_used_bytes", element, e -> ledger(e).used());
    metrics.gauge(
        "artstore_se_capacity_available_bytes",
        element,
        e -> Math.max(0, ledger(e).total() - ledger(e).used()));
    metrics.gauge("artstore_se_files", element, e -> ledger(e).files());
    metrics.gauge(
        "artstore_se_wal_pending_entries",
        element,
        e -> e.storage() == null ? 0 : e.storage().wal().openEntries());
    for (BranchState state : BranchState.values()) {
      metrics.gauge(
          "artstore_se_transfer_branches",
          transfers,
          t -> t.count(state),
          new Tag("state", state.wireName()));
    }
  }

  private static CapacityLedger ledger(ElementService e) {
    CapacityLedger ledger = e.ledger();
    return ledger == null ? new CapacityLedger(() -> 0) : ledger;
  }
}
