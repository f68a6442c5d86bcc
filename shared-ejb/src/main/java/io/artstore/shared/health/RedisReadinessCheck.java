package io.artstore.shared.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

@Readiness
@ApplicationScoped
public class RedisReadinessCheck extends DependencyHealthCheck {
  @Inject RedisDependency redis;

  @Override
  protected Dependency dependency() {
    return redis;
  }
}
