package io.artstore.admin.application.registry;

import io.artstore.shared.resilience.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit breaker per registered element (per admin replica). */
@ApplicationScoped
public class ElementBreakers {
  private final Map<UUID, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  public CircuitBreaker of(UUID elementId) {
    return breakers.computeIfAbsent(elementId, id -> CircuitBreaker.standard());
  }

  public void forget(UUID elementId) {
    breakers.remove(elementId);
  }
}
