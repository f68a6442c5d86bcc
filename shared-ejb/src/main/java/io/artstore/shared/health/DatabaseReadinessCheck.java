package io.artstore.shared.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck extends DependencyHealthCheck {
  @Inject DatabaseDependency database;

  @Override
  protected Dependency dependency() {
    return database;
  }
}
