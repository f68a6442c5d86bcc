package io.artstore.shared.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.resilience.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void staysClosedBelowTheThreshold() {
    CircuitBreaker breaker = CircuitBreaker.standard();
    breaker.onFailure(T0);
    breaker.onFailure(T0);
    assertEquals(State.CLOSED, breaker.state(T0));
    assertTrue(breaker.allowRequest(T0));
  }

  @Test
  void aSuccessResetsTheCount() {
    CircuitBreaker breaker = CircuitBreaker.standard();
    breaker.onFailure(T0);
    breaker.onFailure(T0);
    breaker.onSuccess();
    breaker.onFailure(T0);
    breaker.onFailure(T0);
    assertEquals(State.CLOSED, breaker.state(T0));
    assertEquals(2, breaker.consecutiveFailures());
  }

  @Test
  void opensAfterThreeFailuresAndRefusesCalls() {
    CircuitBreaker breaker = CircuitBreaker.standard();
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(T0);
    }
    assertEquals(State.OPEN, breaker.state(T0));
    assertFalse(breaker.allowRequest(T0.plusSeconds(29)));
  }

  @Test
  void halfOpenAfterThirtySecondsLetsOneTrialThrough() {
    CircuitBreaker breaker = open();
    Instant later = T0.plusSeconds(30);
    assertEquals(State.HALF_OPEN, breaker.state(later));
    assertTrue(breaker.allowRequest(later));
    assertFalse(breaker.allowRequest(later), "one trial at a time");
  }

  @Test
  void aSuccessfulTrialCloses() {
    CircuitBreaker breaker = open();
    assertTrue(breaker.allowRequest(T0.plusSeconds(31)));
    breaker.onSuccess();
    assertEquals(State.CLOSED, breaker.state(T0.plusSeconds(31)));
    assertEquals(0, breaker.consecutiveFailures());
    assertTrue(breaker.allowRequest(T0.plusSeconds(31)));
  }

  @Test
  void aFailedTrialOpensForAnotherPeriod() {
    CircuitBreaker breaker = open();
    Instant trial = T0.plusSeconds(40);
    assertTrue(breaker.allowRequest(trial));
    breaker.onFailure(trial);
    assertEquals(State.OPEN, breaker.state(trial.plusSeconds(29)));
    assertEquals(State.HALF_OPEN, breaker.state(trial.plusSeconds(30)));
  }

  @Test
  void resetCloses() {
    CircuitBreaker breaker = open();
    breaker.reset();
    assertEquals(State.CLOSED, breaker.state(T0));
  }

  @Test
  void refusesNonsenseSettings() {
    assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new CircuitBreaker(3, Duration.ofSeconds(-1)));
  }

  private static CircuitBreaker open() {
    CircuitBreaker breaker = CircuitBreaker.standard();
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(T0);
    }
    return breaker;
  }
}
