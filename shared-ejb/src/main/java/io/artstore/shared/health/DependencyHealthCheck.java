package io.artstore.shared.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A readiness check over one {@link Dependency}. A non-critical dependency that is down reports UP
 * with {@code degraded=true}: the service keeps serving through its fallback and must not be taken
 * out of the load balancer for it.
 */
public abstract class DependencyHealthCheck implements HealthCheck {

  protected abstract Dependency dependency();

  @Override
  public HealthCheckResponse call() {
    return toResponse(dependency().probe());
  }

  static HealthCheckResponse toResponse(DependencyState state) {
    HealthCheckResponseBuilder builder =
        HealthCheckResponse.named(state.name())
            .status(state.up() || !state.critical())
            .withData("state", state.status().name())
            .withData("critical", state.critical())
            .withData("latency_ms", state.latencyMs());
    if (!state.up() && !state.critical()) {
      builder.withData("degraded", true);
    }
    if (state.detail() != null) {
      builder.withData("detail", state.detail());
    }
    return builder.build();
  }
}
