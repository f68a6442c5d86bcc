package io.artstore.shared.infrastructure.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
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

  /**
   * A new connection of its own, outside the pool, to the same Redis: for a subscription, which
   * blocks its connection for as long as it lasts. The caller closes it. RESP2, said explicitly: a
   * plain {@code Jedis} cannot negotiate RESP3 and warns on every connection otherwise.
   */
  public Jedis dedicated() {
    RedisUrl parsed = RedisUrl.parse(URI.create(url));
    return new Jedis(
        new HostAndPort(parsed.host(), parsed.port()),
        config(parsed, timeoutMillis).autoNegotiateProtocol(false).build());
  }

  /** The Redis URL without its password, for log lines. */
  public String describe() {
    try {
      return RedisUrl.parse(URI.create(url)).toString();
    } catch (RuntimeException e) {
      return "(invalid artstore.redis.url)";
    }
  }

  static RedisClient create(URI uri, int timeoutMillis) {
    RedisUrl parsed = RedisUrl.parse(uri);
    return RedisClient.builder()
        .hostAndPort(parsed.host(), parsed.port())
        .clientConfig(config(parsed, timeoutMillis).build())
        .build();
  }

  private static DefaultJedisClientConfig.Builder config(RedisUrl parsed, int timeoutMillis) {
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
    return config;
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
