package io.artstore.query.infrastructure;

import io.artstore.shared.infrastructure.redis.RedisConnection;
import io.artstore.shared.resilience.CircuitBreaker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.params.SetParams;

/**
 * The shared metadata cache in Redis ({@code artstore:query:file:<id>} → the file's JSON), read by
 * every query replica. Redis being down is a miss, never an error; a breaker stops asking it for a
 * few seconds after failures so requests do not each wait for a timeout.
 */
@ApplicationScoped
public class RedisFileCache {
  private static final Logger LOG = Logger.getLogger(RedisFileCache.class.getName());
  private static final String PREFIX = "artstore:query:file:";

  @Inject RedisConnection redis;

  private final CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(5));

  public Optional<String> get(UUID id) {
    if (!breaker.allowRequest(Instant.now())) {
      return Optional.empty();
    }
    try {
      String value = redis.client().get(PREFIX + id);
      breaker.onSuccess();
      return Optional.ofNullable(value);
    } catch (RuntimeException e) {
      failed("read", e);
      return Optional.empty();
    }
  }

  public void put(UUID id, String json, Duration ttl) {
    if (!breaker.allowRequest(Instant.now())) {
      return;
    }
    try {
      redis.client().set(PREFIX + id, json, SetParams.setParams().px(ttl.toMillis()));
      breaker.onSuccess();
    } catch (RuntimeException e) {
      failed("write", e);
    }
  }

  /**
   * Drops the cached record. Tried even while the breaker is open: a stale entry left behind would
   * outlive the outage (its TTL bounds it).
   */
  public void evict(UUID id) {
    try {
      redis.client().del(PREFIX + id);
    } catch (RuntimeException e) {
      failed("eviction", e);
    }
  }

  private void failed(String what, RuntimeException e) {
    breaker.onFailure(Instant.now());
    LOG.log(Level.FINE, "Redis metadata cache " + what + " failed", e);
  }
}
