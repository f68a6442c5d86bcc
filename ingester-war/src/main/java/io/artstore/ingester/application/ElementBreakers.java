package io.artstore.ingester.application;

import io.artstore.shared.resilience.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per element (SPEC §5.1), shared by all uploads of this ingester: after {@code
 * artstore.ingester.breaker.failures} consecutive failures the element is skipped for {@code
 * artstore.ingester.breaker.open}, then one trial upload decides. MicroProfile Fault Tolerance keys
 * its breakers by method, not by element, hence this one (DECISIONS D36).
 */
@ApplicationScoped
public class ElementBreakers {
  @Inject IngestSettings settings;
  @Inject IngestMetrics metrics;

  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public CircuitBreaker of(String elementId) {
    return breakers.computeIfAbsent(
        elementId,
        id -> {
          CircuitBreaker breaker =
              new CircuitBreaker(settings.breakerFailures(), settings.breakerOpen());
          metrics.watch(id, breaker);
          return breaker;
        });
  }
}
