package io.artstore.shared.ratelimit;

import io.artstore.shared.infrastructure.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Per-principal rate limits shared by every service through Redis (one atomic script per request).
 * When Redis fails, a per-instance limiter takes over for {@value #FALLBACK_MILLIS} ms before Redis
 * is tried again, so an outage costs no timeouts on every request.
 */
@ApplicationScoped
public class RateLimiter {
  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
  static final long FALLBACK_MILLIS = 5000;
  private static final String KEY_PREFIX = "artstore:ratelimit:";

  /**
   * GCRA in Redis; mirrors {@link Gcra#decide}. Returns {allowed, newTat|tat, remaining, retry,
   * reset}.
   */
  private static final String SCRIPT =
      "local now=tonumber(ARGV[1]); local interval=tonumber(ARGV[2]); local capacity=tonumber(ARGV[3])\n"
          + "local tat=tonumber(redis.call('GET', KEYS[1]) or now); if tat < now then tat = now end\n"
          + "local newtat=tat+interval; local level=newtat-now\n"
          + "if level > capacity then return {0, tostring(math.ceil(level-capacity)), tostring(math.ceil(tat-now))} end\n"
          + "redis.call('SET', KEYS[1], tostring(newtat), 'PX', math.ceil(level)+1000)\n"
          + "return {1, tostring(math.floor((capacity-level)/interval)), tostring(math.ceil(level))}";

  private static final String SCRIPT_SHA = sha1(SCRIPT);

  @Inject RedisConnection redis;

  private final Map<String, Double> local = new ConcurrentHashMap<>();
  private volatile long redisRetryAt;

  /** The outcome for one request. */
  public record Outcome(
      boolean allowed, int limit, long remaining, long retryAfterSeconds, long resetSeconds) {}

  public Outcome check(String principal, int ratePerMinute, int burst) {
    long now = System.currentTimeMillis();
    if (now >= redisRetryAt) {
      try {
        return viaRedis(principal, ratePerMinute, burst, now);
      } catch (RuntimeException e) {
        redisRetryAt = now + FALLBACK_MILLIS;
        LOG.log(Level.WARNING, "Rate limiting falls back to this instance: Redis failed: " + e);
      }
    }
    return locally(principal, ratePerMinute, burst, now);
  }

  private Outcome viaRedis(String principal, int rate, int burst, long now) {
    double interval = 60_000.0 / rate;
    Object result =
        redis
            .client()
            .eval(
                SCRIPT,
                List.of(KEY_PREFIX + principal),
                List.of(
                    Long.toString(now),
                    Double.toString(interval),
                    Double.toString(burst * interval)));
    List<?> values = (List<?>) result;
    boolean allowed = ((Number) values.get(0)).longValue() == 1;
    long second = (long) Double.parseDouble(String.valueOf(values.get(1)));
    long reset = (long) Double.parseDouble(String.valueOf(values.get(2)));
    return allowed
        ? new Outcome(true, rate, second, 0, seconds(reset))
        : new Outcome(false, rate, 0, Math.max(1, seconds(second)), seconds(reset));
  }

  private Outcome locally(String principal, int rate, int burst, long now) {
    Gcra.Decision[] decision = new Gcra.Decision[1];
    local.compute(
        principal,
        (k, tat) -> {
          decision[0] = Gcra.decide(tat, now, rate, burst);
          return decision[0].newTat();
        });
    Gcra.Decision d = decision[0];
    return new Outcome(
        d.allowed(),
        rate,
        d.remaining(),
        d.allowed() ? 0 : Math.max(1, seconds(d.retryAfterMillis())),
        seconds(d.resetMillis()));
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-1")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long seconds(long millis) {
    return (millis + 999) / 1000;
  }
}
