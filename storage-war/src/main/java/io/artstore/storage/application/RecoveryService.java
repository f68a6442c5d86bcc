package io.artstore.storage.application;

import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.infrastructure.ElementStorage;
import io.artstore.storage.infrastructure.attr.AttrJsonCodec;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.cache.MetadataCacheRepository;
import io.artstore.storage.infrastructure.wal.WalEntry;
import io.artstore.storage.infrastructure.wal.WriteAheadLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Start-up recovery (SPEC §3.2): temporary objects are removed, every WAL entry left by a crash is
 * completed (only when data and attr.json are whole and the checksum matches) or rolled back, and
 * the cache is corrected. Also the replay of entries whose files are complete but whose cache
 * update waited for PostgreSQL.
 */
@ApplicationScoped
public class RecoveryService {
  private static final Logger LOG = Logger.getLogger(RecoveryService.class.getName());

  @Inject ElementService element;
  @Inject MetadataCacheRepository cache;

  /** What a recovery did. */
  public record Report(
      int temporariesRemoved, int completed, int rolledBack, int waitingForCache) {}

  private enum Outcome {
    COMPLETED,
    ROLLED_BACK,
    WAITING_FOR_CACHE
  }

  /** Runs before the element serves anything: every entry on disk belongs to a dead process. */
  public synchronized Report recover() throws IOException {
    ElementStorage storage = element.storage();
    int temporaries = storage.blobs().removeTemporaries();
    int completed = 0;
    int rolledBack = 0;
    int waiting = 0;
    for (WriteAheadLog.Stored stored : storage.wal().entries()) {
      Outcome outcome = resolve(stored);
      switch (outcome) {
        case COMPLETED -> completed++;
        case ROLLED_BACK -> rolledBack++;
        case WAITING_FOR_CACHE -> waiting++;
      }
    }
    Report report = new Report(temporaries, completed, rolledBack, waiting);
    if (temporaries + completed + rolledBack + waiting > 0) {
      LOG.warning(() -> "Recovery of element " + element.state().elementId() + ": " + report);
    }
    initialiseLedger();
    return report;
  }

  /**
   * Applies the cache for entries whose files are complete ({@code published}). Safe while the
   * element serves: such entries are no longer owned by any request.
   */
  public synchronized int replayPublished() {
    int applied = 0;
    try {
      for (WriteAheadLog.Stored stored : element.storage().wal().entries()) {
        if (stored.published() && resolve(stored) == Outcome.COMPLETED) {
          applied++;
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "WAL replay failed", e);
    }
    if (applied > 0) {
      int count = applied;
      LOG.info(() -> "Metadata cache caught up with " + count + " writes made while it was down");
    }
    return applied;
  }

  private Outcome resolve(WriteAheadLog.Stored stored) throws IOException {
    WalEntry entry = stored.entry();
    ElementStorage storage = element.storage();
    WriteAheadLog wal = storage.wal();
    switch (entry.operation()) {
      case MODE -> {
        // The state file is replaced atomically: it holds the old mode or the new, both whole.
        wal.commit(entry.txId());
        return Outcome.COMPLETED;
      }
      case PURGE -> {
        storage.blobs().delete(entry.dataKey());
        storage.blobs().delete(FileAttributes.attrKeyOf(entry.dataKey()));
        storage.ids().remove(entry.fileId());
        try {
          cache.delete(entry.fileId());
        } catch (SQLException e) {
          wal.markPublished(entry.txId());
          return Outcome.WAITING_FOR_CACHE;
        }
        wal.commit(entry.txId());
        return Outcome.COMPLETED;
      }
      case UPDATE -> {
        // attr.json was replaced atomically: old or new version, either is the truth now.
        Optional<FileAttributes> attrs = readAttr(storage.blobs(), entry.dataKey());
        return syncCache(entry, attrs);
      }
      case CREATE -> {
        Optional<FileAttributes> attrs = readAttr(storage.blobs(), entry.dataKey());
        boolean whole =
            attrs.isPresent()
                && attrs.get().fileId().equals(entry.fileId())
                && (stored.published() || dataMatches(storage.blobs(), attrs.get()));
        if (whole) {
          storage.ids().put(entry.fileId(), entry.dataKey());
          return syncCache(entry, attrs);
        }
        storage.blobs().delete(entry.dataKey());
        if (attrs.isEmpty() || attrs.get().fileId().equals(entry.fileId())) {
          storage.blobs().delete(FileAttributes.attrKeyOf(entry.dataKey()));
        }
        storage.ids().remove(entry.fileId());
        try {
          cache.delete(entry.fileId());
        } catch (SQLException e) {
          LOG.log(Level.FINE, "No cache row to remove for rolled-back " + entry.fileId(), e);
        }
        wal.rollback(entry.txId());
        LOG.warning(
            () ->
                "Rolled back the incomplete upload of "
                    + entry.fileId()
                    + " started at "
                    + entry.startedAt());
        return Outcome.ROLLED_BACK;
      }
      default -> throw new IllegalStateException("Unknown WAL operation " + entry.operation());
    }
  }

  private Outcome syncCache(WalEntry entry, Optional<FileAttributes> attrs) {
    WriteAheadLog wal = element.storage().wal();
    try {
      if (attrs.isPresent()) {
        cache.upsert(attrs.get());
      } else {
        cache.delete(entry.fileId());
      }
    } catch (SQLException | RuntimeException e) {
      wal.markPublished(entry.txId());
      return Outcome.WAITING_FOR_CACHE;
    }
    wal.commit(entry.txId());
    return Outcome.COMPLETED;
  }

  private Optional<FileAttributes> readAttr(BlobStore blobs, String dataKey) throws IOException {
    Optional<byte[]> json =
        blobs.readSmall(FileAttributes.attrKeyOf(dataKey), AttrJsonCodec.MAX_BYTES * 4);
    if (json.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(AttrJsonCodec.decode(json.get(), element.state().elementId()));
    } catch (AttrJsonCodec.MalformedException e) {
      LOG.warning(() -> "Unreadable attr.json for " + dataKey + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The data object exists, has the recorded size and SHA-256. */
  static boolean dataMatches(BlobStore blobs, FileAttributes attrs) throws IOException {
    Optional<BlobStore.BlobStat> stat = blobs.stat(attrs.dataKey());
    // As stored: for a compressed file the size and SHA-256 of the compressed bytes.
    if (stat.isEmpty() || stat.get().size() != attrs.storedSizeBytes()) {
      return false;
    }
    return attrs.storedChecksum().value().equals(sha256(blobs, attrs.dataKey()));
  }

  static String sha256(BlobStore blobs, String key) throws IOException {
    MessageDigest digest = FileService.sha256();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = blobs.open(key, 0, -1)) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The ledger from the cache when it is complete, else from a walk of the store. */
  void initialiseLedger() throws IOException {
    CapacityLedger ledger = element.ledger();
    if (element.storage().wal().openEntries() == 0) {
      try {
        MetadataCacheRepository.Totals totals = cache.totals();
        if (totals.files() > 0) {
          ledger.reset(totals.bytes(), totals.files());
          return;
        }
        // An empty cache may just be a new database beside an old directory: count for real.
      } catch (SQLException | RuntimeException e) {
        LOG.info(() -> "Capacity counted from the store (metadata cache unavailable): " + e);
      }
    }
    long[] totals = new long[2];
    element
        .storage()
        .blobs()
        .walk(
            stat -> {
              if (stat.key().endsWith(FileAttributes.ATTR_SUFFIX)) {
                totals[1]++;
              } else {
                totals[0] += stat.size();
              }
            });
    ledger.reset(totals[0], totals[1]);
  }
}
