package io.artstore.shared.discovery;

import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * The readiness entry {@code discovery}: always UP (discovery is never critical: the service keeps
 * working on admin's answer or the persisted snapshot), with the source, version, element count and
 * age in its data, and {@code degraded=true} when Redis is not the source. Not a bean here; a
 * service that runs discovery declares a {@code @Readiness} subclass.
 */
public abstract class DiscoveryHealthCheck implements HealthCheck {
  @Inject DiscoveryClient discovery;

  @Override
  public HealthCheckResponse call() {
    DiscoveryStatus status = discovery.status();
    HealthCheckResponseBuilder builder =
        HealthCheckResponse.named("discovery")
            .up()
            .withData("critical", false)
            .withData("source", status.source())
            .withData("version", status.version())
            .withData("elements", status.elements());
    if (status.ageSeconds() != null) {
      builder.withData("age_seconds", status.ageSeconds());
    }
    if (!DiscoverySource.REDIS.label().equals(status.source())) {
      builder.withData("degraded", true);
    }
    return builder.build();
  }
}
