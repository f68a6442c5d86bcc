package io.artstore.storage.infrastructure.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.transfer.BranchId;
import io.artstore.storage.domain.transfer.TransferBranch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchStoreTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");
  static final UUID FILE = UUID.fromString("7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11");

  @TempDir Path dataDir;

  @Test
  void everyStateSurvivesAReopen() throws Exception {
    BranchStore store = new BranchStore(dataDir);
    TransferBranch prepared =
        TransferBranch.staging(
                new BranchId("target-1"), FILE, ".staging/target-1/" + FILE, "2026/12/01/10/x", T0)
            .staged(3, "b".repeat(64), "{\n  \"file_id\": \"x\"\n}\n", 8388608, T0.plusSeconds(1))
            .prepared(T0.plusSeconds(2));
    TransferBranch refused =
        TransferBranch.refusedSource(
            new BranchId("source-1"), FILE, "MODE_NOT_ALLOWED", "closed \"ro\"", T0);
    store.save(prepared);
    store.save(refused);

    List<TransferBranch> loaded = new BranchStore(dataDir).loadAll();
    assertEquals(2, loaded.size());
    assertTrue(loaded.contains(prepared), loaded.toString());
    assertTrue(loaded.contains(refused), loaded.toString());
  }

  @Test
  void aNewStateReplacesTheOldAndDeleteForgets() throws Exception {
    BranchStore store = new BranchStore(dataDir);
    TransferBranch prepared =
        TransferBranch.preparedSource(new BranchId("s"), FILE, "k", 1, "c".repeat(64), T0);
    store.save(prepared);
    TransferBranch committed = prepared.committing(T0).committed(T0.plusSeconds(1));
    store.save(committed);
    assertEquals(List.of(committed), store.loadAll());

    store.delete(new BranchId("s"));
    store.delete(new BranchId("s"));
    assertEquals(List.of(), store.loadAll());
  }

  @Test
  void leftoversOfAnInterruptedSaveAreRemovedAndUnreadableRecordsSetAside() throws Exception {
    BranchStore store = new BranchStore(dataDir);
    Path dir = dataDir.resolve(BranchStore.DIR);
    Files.writeString(dir.resolve(".b.json12345.tmp"), "{\"bran", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("torn.json"), "{\"branch\":", StandardCharsets.UTF_8);

    assertEquals(List.of(), store.loadAll());
    assertTrue(Files.notExists(dir.resolve(".b.json12345.tmp")));
    assertTrue(Files.exists(dir.resolve(".torn.json.unreadable")), "kept for an operator");
    assertTrue(Files.notExists(dir.resolve("torn.json")));
  }
}
