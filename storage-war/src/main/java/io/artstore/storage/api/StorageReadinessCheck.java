package io.artstore.storage.api;

import io.artstore.storage.application.ElementService;
import io.artstore.storage.application.ElementSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The element's own storage: opened, and its data directory writable. Critical. */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
  @Inject ElementService element;
  @Inject ElementSettings settings;

  @Override
  public HealthCheckResponse call() {
    boolean ready = element.ready();
    return HealthCheckResponse.named("storage")
        .status(ready)
        .withData("state", ready ? "UP" : "DOWN")
        .withData("critical", true)
        .withData("element_id", settings.id())
        .withData("mode", element.state() == null ? "unknown" : element.state().mode().wireName())
        .build();
  }
}
