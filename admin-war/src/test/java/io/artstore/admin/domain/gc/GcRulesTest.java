package io.artstore.admin.domain.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.admin.domain.gc.GcRules.FileState;
import io.artstore.admin.domain.gc.GcRules.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GcRulesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration GRACE = Duration.ofDays(1);

  private static Optional<Reason> reason(
      String status, String policy, Instant expires, Instant del) {
    return GcRules.purgeReason(new FileState(status, policy, expires, del), NOW, GRACE);
  }

  @Test
  void aTemporaryFileGoesAtItsExpiryNotBefore() {
    assertEquals(Optional.empty(), reason("active", "temporary", NOW.plusSeconds(1), null));
    assertEquals(Optional.of(Reason.EXPIRED), reason("active", "temporary", NOW, null));
    assertEquals(
        Optional.of(Reason.EXPIRED), reason("active", "temporary", NOW.minusSeconds(1), null));
    assertEquals("expired", Reason.EXPIRED.statusAfterPurge());
  }

  @Test
  void aPermanentOrUnexpiringActiveFileNeverGoes() {
    assertEquals(Optional.empty(), reason("active", "permanent", NOW.minusSeconds(99), null));
    assertEquals(Optional.empty(), reason("active", "permanent", null, null));
    assertEquals(Optional.empty(), reason("active", "temporary", null, null));
  }

  @Test
  void aDeletedFileGoesOnlyAfterTheGrace() {
    assertEquals(
        Optional.empty(), reason("deleted", "permanent", null, NOW.minus(GRACE).plusMillis(1)));
    assertEquals(
        Optional.of(Reason.DELETED), reason("deleted", "permanent", null, NOW.minus(GRACE)));
    assertEquals(
        Optional.of(Reason.DELETED),
        reason("deleted", "temporary", NOW.plusSeconds(3600), NOW.minus(Duration.ofDays(3))));
    assertEquals(Optional.empty(), reason("deleted", "temporary", null, null), "unknown time");
    assertEquals("deleted", Reason.DELETED.statusAfterPurge());
  }

  @Test
  void anExpiredFileGoesAtOnceAndUnknownStatesStay() {
    assertEquals(Optional.of(Reason.EXPIRED), reason("expired", "temporary", null, null));
    assertEquals(Optional.empty(), reason("archived", "temporary", NOW.minusSeconds(5), null));
    assertEquals(Optional.empty(), reason(null, "temporary", NOW.minusSeconds(5), null));
  }

  @Test
  void backoffDoublesFromTheBaseAndIsCapped() {
    Duration base = Duration.ofMinutes(1);
    Duration max = Duration.ofHours(6);
    assertEquals(Duration.ZERO, GcRules.backoff(0, base, max));
    assertEquals(Duration.ofMinutes(1), GcRules.backoff(1, base, max));
    assertEquals(Duration.ofMinutes(2), GcRules.backoff(2, base, max));
    assertEquals(Duration.ofMinutes(4), GcRules.backoff(3, base, max));
    assertEquals(Duration.ofMinutes(256), GcRules.backoff(9, base, max));
    assertEquals(max, GcRules.backoff(10, base, max), "512 min > 6 h");
    assertEquals(max, GcRules.backoff(64, base, max));
    assertEquals(max, GcRules.backoff(Integer.MAX_VALUE, base, max), "no overflow");
    assertEquals(NOW.plus(Duration.ofMinutes(4)), GcRules.nextAttempt(3, NOW, base, max));
  }

  @Test
  void aRowIsDueWhenItsBackoffPassedOrTheRunIgnoresIt() {
    assertTrue(GcRules.due(null, NOW, false));
    assertTrue(GcRules.due(NOW, NOW, false));
    assertFalse(GcRules.due(NOW.plusSeconds(1), NOW, false));
    assertTrue(GcRules.due(NOW.plusSeconds(3600), NOW, true));
  }

  @Test
  void expiringSoonMeansActiveTemporaryAndWithinTheWindowStillAhead() {
    Duration week = Duration.ofDays(7);
    assertTrue(
        GcRules.expiringSoon("active", "temporary", NOW.plus(Duration.ofDays(7)), NOW, week));
    assertTrue(GcRules.expiringSoon("active", "temporary", NOW.plusSeconds(1), NOW, week));
    assertFalse(
        GcRules.expiringSoon(
            "active", "temporary", NOW.plus(Duration.ofDays(7)).plusSeconds(1), NOW, week));
    assertFalse(GcRules.expiringSoon("active", "temporary", NOW, NOW, week), "expired already");
    assertFalse(GcRules.expiringSoon("deleted", "temporary", NOW.plusSeconds(5), NOW, week));
    assertFalse(GcRules.expiringSoon("active", "permanent", NOW.plusSeconds(5), NOW, week));
    assertFalse(GcRules.expiringSoon("active", "temporary", null, NOW, week));
  }
}
