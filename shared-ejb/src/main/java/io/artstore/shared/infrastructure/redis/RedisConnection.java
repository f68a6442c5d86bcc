package io.artstore.shared.infrastructure.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The service's pooled Redis client ({@code artstore.redis.url}, {@code
 * redis://[user:password@]host: port[/db]} or {@code rediss://} for TLS). Built on first use and
 * never at start-up, so a Redis outage at boot costs nothing but a degraded readiness; short
 * timeouts keep callers' fallbacks fast.
 */
@ApplicationScoped
public class RedisConnection {
  private static final Logger LOG = Logger.getLogger(RedisConnection.class.getName());

  @Inject
  @ConfigProperty(name = "artstore.redis.url", defaultValue = "redis://localhost:6379")
  String url;

  @Inject
  @ConfigProperty(name = "artstore.redis.timeout-millis", defaultValue = "1000")
  int timeoutMillis;

  private RedisClient client;

  public synchronized RedisClient client() {
    if (client == null) {
      client = create(URI.create(url), timeoutMillis);
    }
    return client;
  }

  static RedisClient create(URI uri, int timeoutMillis) {
    RedisUrl parsed = RedisUrl.parse(uri);
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis(timeoutMillis)
            .socketTimeoutMillis(timeoutMillis)
            .database(parsed.database())
            .ssl(parsed.tls());
    if (parsed.user() != null) {
      config.user(parsed.user());
    }
    if (parsed.password() != null) {
      config.password(parsed.password());
    }
    return RedisClient.builder()
        .hostAndPort(parsed.host(), parsed.port())
        .clientConfig(config.build())
        .build();
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Closing the Redis client failed", e);
      }
      client = null;
    }
  }
}
