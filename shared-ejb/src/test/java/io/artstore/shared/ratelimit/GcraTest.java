package io.artstore.shared.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GcraTest {

  @Test
  void allowsTheBurstAtOnceThenTheRate() {
    Double tat = null;
    double now = 1_000_000;
    int allowed = 0;
    for (int i = 0; i < 200; i++) {
      Gcra.Decision d = Gcra.decide(tat, now, 100, 150);
      if (d.allowed()) {
        allowed++;
        tat = d.newTat();
      }
    }
    assertEquals(150, allowed, "burst of 150 at once");
    Gcra.Decision refused = Gcra.decide(tat, now, 100, 150);
    assertFalse(refused.allowed());
    assertEquals(600, refused.retryAfterMillis(), "one emission interval (60 s / 100)");
    assertTrue(Gcra.decide(tat, now + 600, 100, 150).allowed(), "one more after the interval");
  }

  @Test
  void remainingCountsDown() {
    Gcra.Decision first = Gcra.decide(null, 0, 60, 3);
    assertEquals(2, first.remaining());
    Gcra.Decision second = Gcra.decide(first.newTat(), 0, 60, 3);
    assertEquals(1, second.remaining());
    Gcra.Decision third = Gcra.decide(second.newTat(), 0, 60, 3);
    assertEquals(0, third.remaining());
    assertEquals(3000, third.resetMillis(), "empty again after three intervals");
    assertFalse(Gcra.decide(third.newTat(), 0, 60, 3).allowed());
  }

  @Test
  void burstFollowsTheFactor() {
    assertEquals(150, Gcra.burstFor(100, 1.5));
    assertEquals(2, Gcra.burstFor(1, 1.5));
    assertEquals(1, Gcra.burstFor(1, 0.1));
  }
}
