package io.artstore.admin.domain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorageElementTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final StorageElement ELEMENT =
      new StorageElement(
          UUID.randomUUID(),
          "se-1",
          "one",
          null,
          "http://h:1",
          "rw",
          ElementStatus.ONLINE,
          "local",
          100,
          1000,
          10,
          990,
          1,
          1,
          T0,
          null,
          0,
          T0,
          T0);

  @Test
  void unreachableGoesOfflineAndKeepsTheLastFigures() {
    StorageElement offline = ELEMENT.unreachable("refused", T0.plusSeconds(30));
    assertEquals(ElementStatus.OFFLINE, offline.status());
    assertEquals("refused", offline.lastError());
    assertEquals(1, offline.consecutiveFailures());
    assertEquals(1000, offline.capacityTotalBytes());
    assertEquals(2, offline.version());
    assertTrue(offline.differsForDiscovery(ELEMENT));
    assertEquals(2, offline.unreachable("again", T0).consecutiveFailures());
  }

  @Test
  void syncComesBackOnlineWithTheNewFigures() {
    StorageElement back =
        ELEMENT
            .unreachable("refused", T0)
            .synced(
                new StorageElement.Observation("se-1", "ro", "local", false, 1000, 20, 980, 2),
                T0.plusSeconds(60));
    assertEquals(ElementStatus.ONLINE, back.status());
    assertEquals("ro", back.mode());
    assertEquals(2, back.fileCount());
    assertNull(back.lastError());
    assertEquals(0, back.consecutiveFailures());
    assertEquals(T0.plusSeconds(60), back.lastSyncAt());
  }

  @Test
  void aSyncThatSeesNothingNewIsNoDiscoveryChange() {
    StorageElement same =
        ELEMENT.synced(
            new StorageElement.Observation("se-1", "rw", "local", false, 1000, 10, 990, 1),
            T0.plusSeconds(30));
    assertFalse(same.differsForDiscovery(ELEMENT));
    assertEquals(
        ElementStatus.DEGRADED,
        ELEMENT
            .synced(
                new StorageElement.Observation("se-1", "rw", "local", true, 1000, 10, 990, 1), T0)
            .status());
  }

  @Test
  void editsChangeOnlyWhatIsGiven() {
    StorageElement edited = ELEMENT.edited(null, "desc", 5, null, T0);
    assertEquals("one", edited.name());
    assertEquals("desc", edited.description());
    assertEquals(5, edited.priority());
    assertEquals("http://h:1", edited.apiUrl());
    assertTrue(ELEMENT.edited(null, null, null, null, T0).version() > ELEMENT.version());
    assertTrue(ELEMENT.holdsFiles());
  }
}
