package io.artstore.ingester.application;

import io.artstore.shared.resilience.PerElementBreakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * One circuit breaker per element (SPEC §5.1), shared by all uploads of this ingester: after {@code
 * artstore.ingester.breaker.failures} consecutive failures the element is skipped for {@code
 * artstore.ingester.breaker.open}, then one trial upload decides. Each breaker's state is the gauge
 * {@code artstore_ingester_element_breaker_state{element_id}}.
 */
@ApplicationScoped
public class ElementBreakers extends PerElementBreakers {
  @Inject IngestSettings settings;

  public ElementBreakers() {
    super("artstore_ingester_element_breaker_state");
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
