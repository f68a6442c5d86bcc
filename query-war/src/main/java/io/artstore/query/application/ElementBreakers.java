package io.artstore.query.application;

import io.artstore.shared.resilience.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * One circuit breaker per element for this query service's downloads (SPEC §6), as the ingester has
 * for its uploads: after {@code artstore.query.breaker.failures} consecutive failures the element
 * is not called for {@code artstore.query.breaker.open}, then one trial download decides. Each
 * breaker's state is the gauge {@code artstore_query_element_breaker_state{element_id}} (0 closed,
 * 1 open, 2 half-open).
 */
@ApplicationScoped
public class ElementBreakers {
  @Inject QuerySettings settings;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public CircuitBreaker of(String elementId) {
    return breakers.computeIfAbsent(
        elementId,
        id -> {
          CircuitBreaker breaker =
              new CircuitBreaker(settings.breakerFailures(), settings.breakerOpen());
          metrics.gauge(
              "artstore_query_element_breaker_state",
              breaker,
              b -> b.state(Instant.now()).ordinal(),
              new Tag("element_id", id));
          return breaker;
        });
  }
}
