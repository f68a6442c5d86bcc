package io.artstore.storage.infrastructure.wal;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One intent in the write-ahead log: enough to finish or undo the mutation after a crash.
 *
 * @param dataKey the data object the mutation touches (null for a mode change)
 * @param version the attr.json version the mutation writes (create: 1)
 * @param detail free text for operators (e.g. the mode change "rw->ro")
 */
public record WalEntry(
    UUID txId,
    Operation operation,
    UUID fileId,
    String dataKey,
    long version,
    Instant startedAt,
    String detail) {

  /** What the entry is about to do. */
  public enum Operation {
    /** New data file and attr.json. */
    CREATE,
    /** A new version of an existing attr.json (metadata update, soft delete, status change). */
    UPDATE,
    /** Physical removal of data and attr.json (GC). */
    PURGE,
    /** A new mode in the element state file. */
    MODE
  }

  public WalEntry {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
