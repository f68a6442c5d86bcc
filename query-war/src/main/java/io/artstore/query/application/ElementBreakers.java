package io.artstore.query.application;

import io.artstore.shared.resilience.PerElementBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * One circuit breaker per element for this query service's downloads (SPEC §6), as the ingester has
 * for its uploads: after {@code artstore.query.breaker.failures} consecutive failures the element
 * is not called for {@code artstore.query.breaker.open}, then one trial download decides. Each
 * breaker's state is the gauge {@code artstore_query_element_breaker_state{element_id}}.
 */
@ApplicationScoped
public class ElementBreakers extends PerElementBreakers {
  @Inject QuerySettings settings;

  public ElementBreakers() {
    super("artstore_query_element_breaker_state");
  }

  @Override
  protected int failureThreshold() {
    return settings.breakerFailures();
  }

  @Override
  protected Duration openDuration() {
    return settings.breakerOpen();
  }
}
