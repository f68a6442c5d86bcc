package io.artstore.admin.application.registry;

import io.artstore.admin.domain.gc.CapacityRule;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.admin.infrastructure.GcRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Capacity warnings (SPEC §4): after each successful sync of an element, its used share is a gauge
 * ({@code artstore_storage_element_capacity_used_percent{element}}, with {@code
 * artstore_storage_element_capacity_warning{element}} 1 while at or above the threshold), and each
 * crossing of {@code artstore.capacity.warning-percent} (default 85) raises one {@code
 * storage_element.capacity_warning} event through the outbox. The "warned" flag lives in the
 * registry row, so replicas and restarts agree on what a crossing is.
 */
@ApplicationScoped
public class CapacityWarnings {
  private static final Logger LOG = Logger.getLogger(CapacityWarnings.class.getName());

  @Inject GcRepository repository;

  @Inject
  @ConfigProperty(name = "artstore.capacity.warning-percent", defaultValue = "85")
  double threshold;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  /** Per element id: used share in hundredths of a percent, and 1/0 for "warned". */
  private final Map<String, AtomicLong> usedHundredths = new ConcurrentHashMap<>();

  private final Map<String, AtomicLong> warned = new ConcurrentHashMap<>();

  /** Never throws: a warning must not fail the sync that observed the figures. */
  void observe(StorageElement element) {
    try {
      double percent =
          CapacityRule.percentUsed(element.capacityTotalBytes(), element.capacityUsedBytes());
      gauge(usedHundredths, "artstore_storage_element_capacity_used_percent", element)
          .set(Math.round(percent * 100));
      boolean wasWarned = repository.capacityWarned(element.id());
      switch (CapacityRule.transition(percent, threshold, wasWarned)) {
        case RAISE -> {
          if (repository.raiseCapacityWarning(
              element.id(),
              Json.createObjectBuilder()
                  .add("storage_element_id", element.elementId())
                  .add("id", element.id().toString())
                  .add("percent_used", Math.round(percent * 100) / 100.0)
                  .add("threshold_percent", threshold)
                  .add("capacity_total_bytes", element.capacityTotalBytes())
                  .add("capacity_used_bytes", element.capacityUsedBytes())
                  .build())) {
            LOG.warning(
                () ->
                    "Storage element "
                        + element.elementId()
                        + " is "
                        + Math.round(percent)
                        + " % full (warning at "
                        + threshold
                        + " %)");
          }
          wasWarned = true;
        }
        case CLEAR -> {
          repository.clearCapacityWarning(element.id());
          wasWarned = false;
        }
        case NONE -> {}
      }
      gauge(warned, "artstore_storage_element_capacity_warning", element).set(wasWarned ? 1 : 0);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Capacity warning of " + element.elementId() + " not evaluated", e);
    }
  }

  private AtomicLong gauge(Map<String, AtomicLong> values, String name, StorageElement element) {
    return values.computeIfAbsent(
        element.elementId(),
        id -> {
          AtomicLong value = new AtomicLong();
          if (values == usedHundredths) {
            metrics.gauge(name, value, v -> v.get() / 100.0, new Tag("element", id));
          } else {
            metrics.gauge(name, value, AtomicLong::get, new Tag("element", id));
          }
          return value;
        });
  }
}
