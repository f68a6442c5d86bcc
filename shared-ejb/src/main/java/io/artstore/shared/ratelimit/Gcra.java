package io.artstore.shared.ratelimit;

/**
 * The generic cell rate algorithm: {@code rate} requests per minute on average, up to {@code burst}
 * at once. State is one number per principal, the theoretical arrival time ({@code tat}); a request
 * is allowed when, after adding one emission interval, the bucket holds at most {@code burst}
 * intervals. Pure arithmetic, used as-is in memory and mirrored by the Redis script.
 */
public final class Gcra {
  private Gcra() {}

  /** The decision, and the state to store when allowed. Times in milliseconds. */
  public record Decision(
      boolean allowed, double newTat, long remaining, long retryAfterMillis, long resetMillis) {}

  public static Decision decide(Double storedTat, double nowMillis, int ratePerMinute, int burst) {
    double interval = 60_000.0 / ratePerMinute;
    double capacity = burst * interval;
    double tat = storedTat == null ? nowMillis : Math.max(storedTat, nowMillis);
    double newTat = tat + interval;
    double level = newTat - nowMillis;
    if (level > capacity) {
      long retry = (long) Math.ceil(level - capacity);
      return new Decision(false, tat, 0, retry, (long) Math.ceil(tat - nowMillis));
    }
    long remaining = (long) Math.floor((capacity - level) / interval);
    return new Decision(true, newTat, remaining, 0, (long) Math.ceil(level));
  }

  /** Burst for a rate: SPEC §2.5's default is 100/min with a burst of 150. */
  public static int burstFor(int ratePerMinute, double burstFactor) {
    return Math.max(1, (int) Math.ceil(ratePerMinute * burstFactor));
  }
}
