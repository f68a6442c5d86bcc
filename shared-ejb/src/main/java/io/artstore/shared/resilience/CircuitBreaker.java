package io.artstore.shared.resilience;

import java.time.Duration;
import java.time.Instant;

/**
 * A small circuit breaker around the calls to one element: closed (calls go through); open after
 * {@code failureThreshold} consecutive failures (calls are skipped, the element counts as
 * unreachable); half-open once {@code openDuration} has passed (one trial call goes through);
 * closed again on its success, open again on its failure. Thread-safe; time is passed in.
 */
public final class CircuitBreaker {
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failureThreshold;
  private final Duration openDuration;
  private int consecutiveFailures;
  private Instant openedAt;
  private boolean trialInFlight;

  public CircuitBreaker(int failureThreshold, Duration openDuration) {
    if (failureThreshold < 1 || openDuration.isNegative()) {
      throw new IllegalArgumentException("threshold " + failureThreshold + ", " + openDuration);
    }
    this.failureThreshold = failureThreshold;
    this.openDuration = openDuration;
  }

  /** 3 failures, 30 s open: the registry's health-sync breaker. */
  public static CircuitBreaker standard() {
    return new CircuitBreaker(3, Duration.ofSeconds(30));
  }

  public synchronized State state(Instant now) {
    if (openedAt == null) {
      return State.CLOSED;
    }
    return now.isBefore(openedAt.plus(openDuration)) ? State.OPEN : State.HALF_OPEN;
  }

  /**
   * Whether a call may go out now. In half-open state only one trial call at a time is allowed; its
   * outcome must be reported with {@link #onSuccess} or {@link #onFailure}.
   */
  public synchronized boolean allowRequest(Instant now) {
    return switch (state(now)) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialInFlight) {
          yield false;
        }
        trialInFlight = true;
        yield true;
      }
    };
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    openedAt = null;
    trialInFlight = false;
  }

  public synchronized void onFailure(Instant now) {
    consecutiveFailures++;
    boolean trial = trialInFlight;
    trialInFlight = false;
    if (trial || consecutiveFailures >= failureThreshold) {
      openedAt = now;
    }
  }

  /** Closes the breaker regardless of its state (an operator asked for a sync explicitly). */
  public synchronized void reset() {
    onSuccess();
  }

  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }
}
