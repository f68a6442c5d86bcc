package io.artstore.storage.infrastructure.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.infrastructure.wal.WalEntry.Operation;
import io.artstore.storage.infrastructure.wal.WriteAheadLog.Stored;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteAheadLogTest {
  private static final Instant T0 = Instant.parse("2026-11-22T02:00:00.123456789Z");

  @TempDir Path dir;

  private static WalEntry entry(Instant startedAt) {
    return new WalEntry(
        UUID.randomUUID(),
        Operation.CREATE,
        UUID.randomUUID(),
        "2026/11/22/02/report_alice_20261122T020000_x.pdf",
        1,
        startedAt,
        null);
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void beginWritesAPendingFile() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry e = entry(T0);
    wal.begin(e);
    assertEquals(List.of(e.txId() + ".pending"), fileNames());
    assertEquals(1, wal.openEntries());
  }

  @Test
  void createsItsDirectory() throws IOException {
    Path nested = dir.resolve("a/b/wal");
    WriteAheadLog wal = new WriteAheadLog(nested);
    assertTrue(Files.isDirectory(nested));
    assertEquals(0, wal.openEntries());
    assertEquals(List.of(), wal.entries());
  }

  @Test
  void entriesRoundTripEveryField() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry full =
        new WalEntry(
            UUID.randomUUID(),
            Operation.UPDATE,
            UUID.randomUUID(),
            "2026/11/22/02/Отчёт \"q4\".pdf",
            Long.MAX_VALUE,
            T0,
            "detail with ünïcödé and \"quotes\"");
    WalEntry nulls =
        new WalEntry(UUID.randomUUID(), Operation.MODE, null, null, 0, T0.plusSeconds(1), "rw->ro");
    WalEntry bare =
        new WalEntry(UUID.randomUUID(), Operation.PURGE, null, null, 7, T0.plusSeconds(2), null);
    wal.begin(full);
    wal.begin(nulls);
    wal.begin(bare);
    assertEquals(
        List.of(new Stored(full, false), new Stored(nulls, false), new Stored(bare, false)),
        wal.entries());
  }

  @Test
  void entriesAreSortedByStartedAt() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry third = entry(T0.plusMillis(2));
    WalEntry first = entry(T0);
    WalEntry second = entry(T0.plusNanos(1));
    wal.begin(third);
    wal.begin(first);
    wal.begin(second);
    assertEquals(List.of(first, second, third), wal.entries().stream().map(Stored::entry).toList());
  }

  @Test
  void commitAndRollbackRemoveTheEntry() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry a = entry(T0);
    WalEntry b = entry(T0.plusSeconds(1));
    WalEntry c = entry(T0.plusSeconds(2));
    wal.begin(a);
    wal.begin(b);
    wal.begin(c);
    assertEquals(3, wal.openEntries());

    wal.commit(a.txId());
    assertEquals(2, wal.openEntries());
    wal.rollback(b.txId());
    assertEquals(1, wal.openEntries());
    assertEquals(List.of(new Stored(c, false)), wal.entries());
    assertEquals(List.of(c.txId() + ".pending"), fileNames());

    wal.commit(c.txId());
    assertEquals(0, wal.openEntries());
    assertEquals(List.of(), fileNames());
  }

  @Test
  void committingAnUnknownOrAlreadyCommittedEntryDoesNotCountDown() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry a = entry(T0);
    WalEntry b = entry(T0);
    wal.begin(a);
    wal.begin(b);
    wal.commit(a.txId());
    wal.commit(a.txId());
    wal.rollback(UUID.randomUUID());
    assertEquals(1, wal.openEntries());
  }

  @Test
  void markPublishedRenamesAndIsReportedAsPublished() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry a = entry(T0);
    WalEntry b = entry(T0.plusSeconds(1));
    wal.begin(a);
    wal.begin(b);
    wal.markPublished(a.txId());
    assertEquals(
        List.of(a.txId() + ".published", b.txId() + ".pending").stream().sorted().toList(),
        fileNames());
    assertEquals(List.of(new Stored(a, true), new Stored(b, false)), wal.entries());
    assertEquals(2, wal.openEntries(), "a published entry is still open");

    wal.commit(a.txId());
    assertEquals(1, wal.openEntries());
    assertEquals(List.of(b.txId() + ".pending"), fileNames());
  }

  @Test
  void markPublishedOfAnUnknownEntryIsHarmless() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    wal.markPublished(UUID.randomUUID());
    assertEquals(List.of(), fileNames());
    assertEquals(0, wal.openEntries());
  }

  @Test
  void tornEntriesAreRemovedAndNotReturned() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry good = entry(T0);
    wal.begin(good);
    Path torn = dir.resolve(UUID.randomUUID() + ".pending");
    Files.write(torn, WriteAheadLog.encode(entry(T0)), java.nio.file.StandardOpenOption.CREATE_NEW);
    // Truncate it, as a crash before the fsync would.
    byte[] whole = Files.readAllBytes(torn);
    Files.write(torn, java.util.Arrays.copyOf(whole, whole.length / 2));
    Path garbage = dir.resolve(UUID.randomUUID() + ".published");
    Files.write(garbage, new byte[] {0, 1, 2, (byte) 0xff});
    Path empty = dir.resolve(UUID.randomUUID() + ".pending");
    Files.createFile(empty);
    Path wrongShape = dir.resolve(UUID.randomUUID() + ".pending");
    Files.writeString(wrongShape, "{\"tx_id\":\"x\"}", StandardCharsets.UTF_8);

    WriteAheadLog reopened = new WriteAheadLog(dir);
    assertEquals(5, reopened.openEntries());
    assertEquals(List.of(new Stored(good, false)), reopened.entries());
    assertEquals(List.of(good.txId() + ".pending"), fileNames());
    assertEquals(1, reopened.openEntries());
  }

  @Test
  void aNewLogOverAnExistingDirectoryCountsItsEntries() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry a = entry(T0);
    WalEntry b = entry(T0.plusSeconds(1));
    WalEntry c = entry(T0.plusSeconds(2));
    wal.begin(a);
    wal.begin(b);
    wal.begin(c);
    wal.markPublished(b.txId());
    wal.commit(c.txId());

    WriteAheadLog reopened = new WriteAheadLog(dir);
    assertEquals(2, reopened.openEntries());
    assertEquals(List.of(new Stored(a, false), new Stored(b, true)), reopened.entries());
    reopened.commit(a.txId());
    reopened.commit(b.txId());
    assertEquals(0, reopened.openEntries());
  }

  @Test
  void beginTwiceWithTheSameTxIdFails() throws IOException {
    WriteAheadLog wal = new WriteAheadLog(dir);
    WalEntry a = entry(T0);
    wal.begin(a);
    WalEntry again =
        new WalEntry(a.txId(), Operation.PURGE, null, null, 9, T0.plusSeconds(5), "other");
    assertThrows(IOException.class, () -> wal.begin(again));
    assertEquals(1, wal.openEntries());
    assertEquals(List.of(new Stored(a, false)), wal.entries(), "the first entry is untouched");
  }

  @Test
  void encodeDecodeRoundTrip() {
    WalEntry e =
        new WalEntry(UUID.randomUUID(), Operation.CREATE, UUID.randomUUID(), "k", 1, T0, "d");
    assertEquals(e, WriteAheadLog.decode(WriteAheadLog.encode(e)));
    String json = new String(WriteAheadLog.encode(e), StandardCharsets.UTF_8);
    assertFalse(json.contains("\n"), "one line");
  }
}
