package io.artstore.ingester.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The ingester's metrics (Prometheus adds {@code _total} to counters): uploads by result, bytes,
 * attempts per element and result, compensations by result. The state of each element's circuit
 * breaker is a gauge of {@link ElementBreakers}.
 */
@ApplicationScoped
public class IngestMetrics {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  public void upload(String result) {
    metrics.counter("artstore_ingester_uploads", new Tag("result", result)).inc();
  }

  public void bytes(long n) {
    if (n > 0) {
      metrics.counter("artstore_ingester_bytes_uploaded").inc(n);
    }
  }

  public void attempt(String elementId, String result) {
    metrics
        .counter(
            "artstore_ingester_element_attempts",
            new Tag("element_id", elementId),
            new Tag("result", result))
        .inc();
  }

  public void compensation(String result) {
    metrics.counter("artstore_ingester_compensations", new Tag("result", result)).inc();
  }
}
