package io.artstore.shared.discovery;

import static io.artstore.shared.discovery.DiscoveryTestData.element;
import static io.artstore.shared.discovery.DiscoveryTestData.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.artstore.shared.discovery.DiscoveryState.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryStateTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  @Test
  void startsWithNothing() {
    DiscoveryState none = DiscoveryState.none();
    assertEquals(DiscoverySource.NONE, none.source());
    assertEquals(0, none.snapshot().version());
    assertEquals(List.of(), none.snapshot().storageElements());
    assertNull(none.lastUpdated());
  }

  @Test
  void anythingIsBetterThanNothingEvenVersionZero() {
    assertEquals(Outcome.ADOPTED, DiscoveryState.none().judge(snapshot(0), DiscoverySource.DISK));
  }

  @Test
  void newerVersionWinsFromAnySource() {
    DiscoveryState held = new DiscoveryState(snapshot(5), DiscoverySource.REDIS, T0);
    for (DiscoverySource from : DiscoverySource.values()) {
      assertEquals(Outcome.ADOPTED, held.judge(snapshot(6), from), from.label());
    }
    DiscoveryState after = held.apply(Outcome.ADOPTED, snapshot(6), DiscoverySource.ADMIN, T0);
    assertEquals(6, after.snapshot().version());
    assertEquals(DiscoverySource.ADMIN, after.source());
  }

  @Test
  void olderVersionIsNeverTaken() {
    DiscoveryState held = new DiscoveryState(snapshot(5), DiscoverySource.DISK, T0);
    for (DiscoverySource from : DiscoverySource.values()) {
      assertEquals(Outcome.IGNORED, held.judge(snapshot(4), from), from.label());
    }
    assertSame(held, held.apply(Outcome.IGNORED, snapshot(4), DiscoverySource.REDIS, T0));
  }

  @Test
  void sameVersionFromALiveSourceConfirmsAndMovesTheSource() {
    DiscoveryState held = new DiscoveryState(snapshot(5), DiscoverySource.DISK, T0);
    DiscoverySnapshot again = snapshot(5, element("se-1", "edit", "online", 1, 10));
    assertEquals(Outcome.CONFIRMED, held.judge(again, DiscoverySource.REDIS));
    assertEquals(Outcome.CONFIRMED, held.judge(again, DiscoverySource.ADMIN));
    assertEquals(Outcome.IGNORED, held.judge(again, DiscoverySource.DISK));
    DiscoveryState after =
        held.apply(Outcome.CONFIRMED, again, DiscoverySource.REDIS, T0.plusSeconds(9));
    assertEquals(DiscoverySource.REDIS, after.source());
    assertEquals(T0.plusSeconds(9), after.lastUpdated());
    assertSame(held.snapshot(), after.snapshot(), "the held snapshot stays");
  }

  @Test
  void trackerPersistsOnlyAdoptedLiveSnapshots() {
    List<Long> persisted = new ArrayList<>();
    DiscoveryTracker tracker =
        new DiscoveryTracker(java.time.Duration.ofSeconds(20), s -> persisted.add(s.version()));
    assertEquals(Outcome.ADOPTED, tracker.offer(snapshot(3), DiscoverySource.DISK, T0));
    assertEquals(Outcome.ADOPTED, tracker.offer(snapshot(4), DiscoverySource.REDIS, T0));
    assertEquals(Outcome.IGNORED, tracker.offer(snapshot(2), DiscoverySource.REDIS, T0));
    assertEquals(Outcome.CONFIRMED, tracker.offer(snapshot(4), DiscoverySource.ADMIN, T0));
    assertEquals(Outcome.ADOPTED, tracker.offer(snapshot(7), DiscoverySource.ADMIN, T0));
    assertEquals(List.of(4L, 7L), persisted, "the disk's own snapshot is not written back");
    assertEquals(7, tracker.state().snapshot().version());
    assertEquals(DiscoverySource.ADMIN, tracker.state().source());
  }

  @Test
  void writableElementsAreOnlineEditOrRwInPriorityThenCapacityOrder() {
    List<DiscoveredElement> all =
        List.of(
            element("se-ro", "ro", "online", 1, 900),
            element("se-off", "edit", "offline", 1, 900),
            element("se-rw-small", "rw", "online", 5, 100),
            element("se-rw-big", "rw", "online", 5, 800),
            element("se-edit", "edit", "online", 10, 999),
            element("se-first", "edit", "online", 1, 1));
    assertEquals(
        List.of("se-first", "se-rw-big", "se-rw-small", "se-edit"),
        DiscoveryClient.writable(all, null).stream().map(DiscoveredElement::elementId).toList());
    assertEquals(
        List.of("se-rw-big", "se-rw-small"),
        DiscoveryClient.writable(all, "rw").stream().map(DiscoveredElement::elementId).toList());
    assertEquals(List.of(), DiscoveryClient.writable(all, "ar"));
  }

  @Test
  void ageIsFromTheLastConfirmation() {
    DiscoveryState held = new DiscoveryState(snapshot(1), DiscoverySource.REDIS, T0);
    assertEquals(42L, DiscoveryClient.ageSeconds(held, T0.plusSeconds(42)));
    assertNull(DiscoveryClient.ageSeconds(DiscoveryState.none(), T0));
  }
}
