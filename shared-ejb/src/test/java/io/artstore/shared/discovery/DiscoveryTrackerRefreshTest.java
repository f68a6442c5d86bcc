package io.artstore.shared.discovery;

import static io.artstore.shared.discovery.DiscoveryTestData.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The fallback chain of one refresh, with fake sources. */
class DiscoveryTrackerRefreshTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration FRESH = Duration.ofSeconds(20);

  private final AtomicInteger redisCalls = new AtomicInteger();
  private final AtomicInteger adminCalls = new AtomicInteger();

  private DiscoveryTracker.Fetch redis(Optional<DiscoverySnapshot> answer) {
    return () -> {
      redisCalls.incrementAndGet();
      return answer;
    };
  }

  private DiscoveryTracker.Fetch admin(Optional<DiscoverySnapshot> answer) {
    return () -> {
      adminCalls.incrementAndGet();
      return answer;
    };
  }

  private DiscoveryTracker.Fetch down(String what) {
    return () -> {
      (what.equals("redis") ? redisCalls : adminCalls).incrementAndGet();
      throw new ConnectException(what + " down");
    };
  }

  private static DiscoveryTracker tracker() {
    return new DiscoveryTracker(FRESH, s -> {});
  }

  @Test
  void nothingToDoWhileRedisAnsweredRecentlyAndIsTheSource() {
    DiscoveryTracker tracker = tracker();
    tracker.offer(snapshot(3), DiscoverySource.REDIS, T0);
    tracker.redisAnswered(T0);
    assertEquals(
        Optional.empty(),
        tracker.refresh(T0.plusSeconds(10), redis(Optional.of(snapshot(9))), down("admin")));
    assertEquals(0, redisCalls.get());
    assertEquals(0, adminCalls.get());
    assertEquals(3, tracker.state().snapshot().version());
  }

  @Test
  void silentRedisIsReadAgainDirectly() {
    DiscoveryTracker tracker = tracker();
    tracker.offer(snapshot(3), DiscoverySource.REDIS, T0);
    tracker.redisAnswered(T0);
    Instant later = T0.plus(FRESH).plusSeconds(1);
    assertEquals(
        Optional.of(DiscoverySource.REDIS),
        tracker.refresh(later, redis(Optional.of(snapshot(4))), down("admin")));
    assertEquals(4, tracker.state().snapshot().version());
    assertEquals(0, adminCalls.get());
    assertTrue(tracker.redisRecent(later));
  }

  @Test
  void redisDownFallsBackToAdmin() {
    DiscoveryTracker tracker = tracker();
    tracker.offer(snapshot(3), DiscoverySource.REDIS, T0);
    tracker.redisAnswered(T0);
    tracker.redisLost();
    assertFalse(tracker.redisRecent(T0));
    assertEquals(
        Optional.of(DiscoverySource.ADMIN),
        tracker.refresh(T0.plusSeconds(1), down("redis"), admin(Optional.of(snapshot(3)))));
    assertEquals(DiscoverySource.ADMIN, tracker.state().source(), "same version: confirmed");
    assertEquals(T0.plusSeconds(1), tracker.state().lastUpdated());
    tracker.refresh(T0.plusSeconds(2), down("redis"), admin(Optional.of(snapshot(5))));
    assertEquals(5, tracker.state().snapshot().version());
  }

  @Test
  void redisWithoutASnapshotAsksAdminToo() {
    DiscoveryTracker tracker = tracker();
    assertEquals(
        Optional.of(DiscoverySource.ADMIN),
        tracker.refresh(T0, redis(Optional.empty()), admin(Optional.of(snapshot(1)))));
    assertEquals(DiscoverySource.ADMIN, tracker.state().source());
    assertTrue(tracker.redisRecent(T0), "Redis did answer");
  }

  @Test
  void bothDownKeepsTheLastSnapshotAndItsSource() {
    DiscoveryTracker tracker = tracker();
    tracker.offer(snapshot(8), DiscoverySource.ADMIN, T0);
    assertEquals(
        Optional.empty(), tracker.refresh(T0.plusSeconds(60), down("redis"), down("admin")));
    assertEquals(8, tracker.state().snapshot().version());
    assertEquals(DiscoverySource.ADMIN, tracker.state().source());
    assertEquals(T0, tracker.state().lastUpdated(), "its age keeps growing");
  }

  @Test
  void afterARestartWithBothDownThePersistedSnapshotServes() {
    DiscoveryTracker tracker = tracker();
    tracker.offer(snapshot(8), DiscoverySource.DISK, T0);
    tracker.refresh(T0.plusSeconds(10), down("redis"), down("admin"));
    assertEquals(DiscoverySource.DISK, tracker.state().source());
    assertEquals(8, tracker.state().snapshot().version());
    // Redis returns with the same version: confirmed, the source is Redis again.
    tracker.refresh(T0.plusSeconds(20), redis(Optional.of(snapshot(8))), down("admin"));
    assertEquals(DiscoverySource.REDIS, tracker.state().source());
  }

  @Test
  void nothingAnywhereIsNone() {
    DiscoveryTracker tracker = tracker();
    tracker.refresh(T0, down("redis"), () -> Optional.empty());
    assertEquals(DiscoverySource.NONE, tracker.state().source());
    assertEquals(DiscoverySnapshot.empty(), tracker.state().snapshot());
  }

  @Test
  void anOlderAdminAnswerDoesNotGoBack() {
    DiscoveryTracker tracker = tracker();
    tracker.offer(snapshot(8), DiscoverySource.DISK, T0);
    tracker.refresh(T0, down("redis"), admin(Optional.of(snapshot(7))));
    assertEquals(8, tracker.state().snapshot().version());
    assertEquals(DiscoverySource.DISK, tracker.state().source());
  }

  @Test
  void aBrokenParseCountsAsUnavailable() {
    DiscoveryTracker tracker = tracker();
    tracker.refresh(
        T0,
        () -> {
          throw new IllegalArgumentException("not JSON");
        },
        () -> {
          throw new IOException("admin answered HTTP 503");
        });
    assertEquals(DiscoverySource.NONE, tracker.state().source());
  }
}
