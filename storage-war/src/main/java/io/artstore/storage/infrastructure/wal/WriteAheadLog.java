package io.artstore.storage.infrastructure.wal;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The element's write-ahead log (SPEC §3.2): one small file per mutation in flight, on the
 * element's own disk so it works while PostgreSQL is down.
 *
 * <ul>
 *   <li>{@code <tx>.pending} — written and fsynced (file and directory) before the mutation touches
 *       anything. A crash leaves it behind and start-up recovery finishes or undoes the mutation.
 *   <li>{@code <tx>.published} — the mutation's files are complete but the metadata cache could not
 *       be updated (PostgreSQL down); a background replay applies the cache later. A rename, not a
 *       rewrite: if the rename is lost in a crash the entry is still pending and recovery verifies
 *       the files again, which is slower but equally correct.
 *   <li>committed — the file is removed. Committed entries are compacted at the moment they commit:
 *       an absent entry means committed or rolled back, and neither needs anything after a crash.
 * </ul>
 */
public final class WriteAheadLog {
  private static final Logger LOG = Logger.getLogger(WriteAheadLog.class.getName());
  private static final String PENDING = ".pending";
  private static final String PUBLISHED = ".published";

  private final Path dir;
  private final AtomicInteger open = new AtomicInteger();

  public WriteAheadLog(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path ignored : entries) {
        open.incrementAndGet();
      }
    }
  }

  /** An entry found on disk: pending (owner unknown after a crash) or published. */
  public record Stored(WalEntry entry, boolean published) {}

  /** Writes the entry durably; the mutation may start when this returns. */
  public void begin(WalEntry entry) throws IOException {
    byte[] bytes = encode(entry);
    Path file = dir.resolve(entry.txId() + PENDING);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    fsyncDir();
    open.incrementAndGet();
  }

  /** The mutation is complete everywhere: the entry is compacted away. */
  public void commit(UUID txId) {
    remove(txId);
  }

  /** The mutation was undone: nothing of it remains, so neither does its entry. */
  public void rollback(UUID txId) {
    remove(txId);
  }

  /** Files complete, cache not yet: leave the entry for the cache replay. */
  public void markPublished(UUID txId) {
    try {
      Files.move(
          dir.resolve(txId + PENDING),
          dir.resolve(txId + PUBLISHED),
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "WAL entry " + txId + " stays pending (recovery re-verifies it)", e);
    }
  }

  private void remove(UUID txId) {
    try {
      boolean removed =
          Files.deleteIfExists(dir.resolve(txId + PENDING))
              | Files.deleteIfExists(dir.resolve(txId + PUBLISHED));
      if (removed) {
        open.decrementAndGet();
      }
    } catch (IOException e) {
      // The entry stays; recovery will find the mutation complete (or undone) and remove it.
      LOG.log(Level.WARNING, "WAL entry " + txId + " not removed", e);
    }
  }

  /** Every entry on disk, oldest first. Unreadable entries are moved aside and reported. */
  public List<Stored> entries() throws IOException {
    List<Stored> result = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        boolean published = name.endsWith(PUBLISHED);
        if (!published && !name.endsWith(PENDING)) {
          continue;
        }
        try {
          result.add(new Stored(decode(Files.readAllBytes(file)), published));
        } catch (NoSuchFileException e) {
          // Committed meanwhile.
        } catch (RuntimeException e) {
          // A torn entry: begin() crashed before its fsync, so the mutation never started.
          LOG.warning(() -> "Unreadable WAL entry " + file + " removed: " + e);
          Files.deleteIfExists(file);
          open.decrementAndGet();
        }
      }
    }
    result.sort(Comparator.comparing(s -> s.entry().startedAt()));
    return result;
  }

  /** Entries not yet committed (pending or published): the WAL pending gauge. */
  public int openEntries() {
    return Math.max(0, open.get());
  }

  private void fsyncDir() throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  static byte[] encode(WalEntry e) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("tx_id", e.txId().toString())
            .add("operation", e.operation().name())
            .add("version", e.version())
            .add("started_at", e.startedAt().toString());
    if (e.fileId() != null) {
      b.add("file_id", e.fileId().toString());
    }
    if (e.dataKey() != null) {
      b.add("data_key", e.dataKey());
    }
    if (e.detail() != null) {
      b.add("detail", e.detail());
    }
    return b.build().toString().getBytes(StandardCharsets.UTF_8);
  }

  static WalEntry decode(byte[] bytes) {
    JsonObject o;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      o = reader.readObject();
    }
    return new WalEntry(
        UUID.fromString(o.getString("tx_id")),
        WalEntry.Operation.valueOf(o.getString("operation")),
        o.containsKey("file_id") ? UUID.fromString(o.getString("file_id")) : null,
        o.getString("data_key", null),
        o.getJsonNumber("version").longValue(),
        Instant.parse(o.getString("started_at")),
        o.getString("detail", null));
  }
}
