package io.artstore.shared.health;

import io.artstore.shared.infrastructure.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Redis. Every use of Redis has a fallback (SPEC §0), so by default it is not critical: when it is
 * down the service is degraded, not unready.
 */
@ApplicationScoped
public class RedisDependency implements Dependency {
  private static final Logger LOG = Logger.getLogger(RedisDependency.class.getName());

  @Inject RedisConnection redis;

  @Inject
  @ConfigProperty(name = "artstore.redis.critical", defaultValue = "false")
  boolean critical;

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public boolean critical() {
    return critical;
  }

  @Override
  public DependencyState probe() {
    long started = System.nanoTime();
    try {
      String pong = redis.client().ping();
      long latency = DatabaseDependency.elapsedMillis(started);
      return "PONG".equalsIgnoreCase(pong)
          ? DependencyState.up(name(), critical, latency)
          : DependencyState.down(name(), critical, latency, "unexpected answer to PING");
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Redis probe failed", e);
      return DependencyState.down(
          name(), critical, DatabaseDependency.elapsedMillis(started), "unreachable");
    }
  }
}
