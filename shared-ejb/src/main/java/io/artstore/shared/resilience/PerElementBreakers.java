package io.artstore.shared.resilience;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * One {@link CircuitBreaker} per element for the calls one service makes to storage elements
 * (ingester uploads, query downloads), each made on the element's first call and kept for the life
 * of the service. MicroProfile Fault Tolerance keys its breakers by method, not by element, hence
 * these (DECISIONS D36). Each breaker's state is the application gauge {@code
 * <stateGaugeName>{element_id}} (0 closed, 1 open, 2 half-open). Not a bean here; a service that
 * calls elements declares an {@code @ApplicationScoped} subclass with its own settings and gauge
 * name.
 */
public abstract class PerElementBreakers {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final String stateGaugeName;
  private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  protected PerElementBreakers(String stateGaugeName) {
    this.stateGaugeName = stateGaugeName;
  }

  /** Consecutive failures that open an element's breaker; read when that breaker is made. */
  protected abstract int failureThreshold();

  /** How long an open breaker skips its element; read when that breaker is made. */
  protected abstract Duration openDuration();

  public CircuitBreaker of(String elementId) {
    return breakers.computeIfAbsent(
        elementId,
        id -> {
          CircuitBreaker breaker = new CircuitBreaker(failureThreshold(), openDuration());
          metrics.gauge(
              stateGaugeName,
              breaker,
              b -> b.state(Instant.now()).ordinal(),
              new Tag("element_id", id));
          return breaker;
        });
  }
}
