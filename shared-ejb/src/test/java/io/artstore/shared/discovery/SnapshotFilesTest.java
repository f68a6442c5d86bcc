package io.artstore.shared.discovery;

import static io.artstore.shared.discovery.DiscoveryTestData.element;
import static io.artstore.shared.discovery.DiscoveryTestData.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {
  @TempDir Path dir;

  @Test
  void jsonIsSnakeCaseAndRoundTrips() {
    DiscoverySnapshot snapshot =
        snapshot(
            42,
            element("se-edit-1", "edit", "online", 100, 500),
            element("se-rw-1", "rw", "degraded", 50, 10));
    String json = SnapshotFiles.toJson(snapshot);
    assertTrue(json.contains("\"storage_elements\":["), json);
    assertTrue(json.contains("\"element_id\":\"se-edit-1\""), json);
    assertTrue(json.contains("\"capacity_available_bytes\":500"), json);
    assertTrue(json.contains("\"api_url\":\"http://localhost:8010\""), json);
    assertTrue(json.contains("\"last_sync_at\":\"2026-01-02T03:04:05Z\""), json);
    assertEquals(snapshot, SnapshotFiles.parse(json));
  }

  @Test
  void readsAdminsDocumentWithUnknownFieldsAndMissingOnes() {
    String json =
        """
        {"version": 7, "timestamp": "2026-02-03T04:05:06Z", "extra": true,
         "storage_elements": [{"element_id": "se-1", "mode": "rw", "status": "online",
           "api_url": "http://se:8010", "priority": 3, "future_field": [1, 2]}]}
        """;
    DiscoverySnapshot snapshot = SnapshotFiles.parse(json);
    assertEquals(7, snapshot.version());
    assertEquals(Instant.parse("2026-02-03T04:05:06Z"), snapshot.timestamp());
    assertEquals(1, snapshot.storageElements().size());
    assertEquals("se-1", snapshot.storageElements().get(0).elementId());
    assertEquals(3, snapshot.storageElements().get(0).priority());
    assertTrue(snapshot.storageElements().get(0).writable());
  }

  @Test
  void noElementsIsAnEmptyList() {
    DiscoverySnapshot snapshot =
        SnapshotFiles.parse("{\"version\":1,\"timestamp\":\"2026-02-03T04:05:06Z\"}");
    assertEquals(0, snapshot.storageElements().size());
  }

  @Test
  void persistedFileIsReadBack() throws IOException {
    Path file = dir.resolve("ingester").resolve("discovery-snapshot.json");
    assertEquals(Optional.empty(), SnapshotFiles.read(file), "nothing persisted yet");
    DiscoverySnapshot snapshot = snapshot(9, element("se-1", "edit", "online", 1, 1));
    SnapshotFiles.write(file, snapshot);
    SnapshotFiles.Persisted persisted = SnapshotFiles.read(file).orElseThrow();
    assertEquals(snapshot, persisted.snapshot());
    assertEquals(Files.getLastModifiedTime(file).toInstant(), persisted.writtenAt());
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    SnapshotFiles.write(file, snapshot(10));
    assertEquals(10, SnapshotFiles.read(file).orElseThrow().snapshot().version());
  }

  @Test
  void corruptFileIsAnError() throws IOException {
    Path file = dir.resolve("discovery-snapshot.json");
    Files.writeString(file, "{not json");
    assertThrows(IOException.class, () -> SnapshotFiles.read(file));
    Files.writeString(file, "null");
    assertThrows(IOException.class, () -> SnapshotFiles.read(file));
  }
}
