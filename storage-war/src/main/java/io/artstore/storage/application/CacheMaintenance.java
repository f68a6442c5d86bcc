package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.infrastructure.db.SchemaMigrator;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.infrastructure.ElementStorage;
import io.artstore.storage.infrastructure.attr.AttrJsonCodec;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.cache.MetadataCacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The cache is always rebuildable from attr.json (SPEC §3.5): full and incremental rebuild,
 * consistency check, and repair. Repair only ever makes the cache (and the id index) match the
 * attr.json documents; it never deletes or invents bytes: data files without attr.json, attr.json
 * without data and size mismatches are reported for an operator.
 */
@ApplicationScoped
public class CacheMaintenance {
  private static final Logger LOG = Logger.getLogger(CacheMaintenance.class.getName());
  private static final int BATCH = 500;
  private static final int SAMPLE = 20;

  @Inject ElementService element;
  @Inject MetadataCacheRepository cache;
  @Inject SchemaMigrator migrator;
  @Inject RecoveryService recovery;

  private final ReentrantLock running = new ReentrantLock();

  /** What a rebuild did. */
  public record RebuildReport(
      String mode,
      Instant startedAt,
      Instant completedAt,
      double durationSeconds,
      long attrFilesScanned,
      long entriesBefore,
      long entriesAfter,
      long entriesWritten,
      long entriesRemoved,
      long filesPerSecond,
      List<String> errors) {}

  /** One inconsistency between the store and the cache. */
  public record Issue(String kind, String fileId, String key, String detail) {}

  /** The result of a consistency check (and of the repair, when asked for). */
  public record ConsistencyReport(
      boolean consistent,
      long attrFiles,
      long dataFiles,
      long cacheEntries,
      Map<String, Long> counts,
      List<Issue> issues,
      boolean repaired,
      long repairedEntries) {}

  public RebuildReport rebuild(boolean incremental) {
    return exclusive(() -> doRebuild(incremental));
  }

  private RebuildReport doRebuild(boolean incremental) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    ensureSchema();
    ElementStorage storage = element.storage();
    try {
      long before = cache.count(null);
      Instant mark = cache.now();
      List<String> errors = new ArrayList<>();
      long[] scanned = {0};
      long[] written = {0};
      List<FileAttributes> batch = new ArrayList<>(BATCH);
      Map<UUID, Long> cachedVersions = incremental ? new HashMap<>() : Map.of();
      if (incremental) {
        cache.forEach(row -> cachedVersions.put(row.fileId(), row.version()));
      }
      storage
          .blobs()
          .walk(
              stat -> {
                if (!stat.key().endsWith(FileAttributes.ATTR_SUFFIX)) {
                  return;
                }
                scanned[0]++;
                Optional<FileAttributes> attrs = decode(storage.blobs(), stat.key(), errors);
                if (attrs.isEmpty()) {
                  return;
                }
                FileAttributes a = attrs.get();
                try {
                  storage.ids().put(a.fileId(), a.dataKey());
                } catch (IOException e) {
                  addError(errors, stat.key() + ": id index: " + e.getMessage());
                }
                Long version = cachedVersions.get(a.fileId());
                if (incremental && version != null && version == a.version()) {
                  return;
                }
                batch.add(a);
                if (batch.size() >= BATCH) {
                  written[0] += flush(batch);
                }
              });
      written[0] += flush(batch);
      long removed = incremental ? 0 : cache.deleteCachedBefore(mark);
      long after = cache.count(null);
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      RebuildReport report =
          new RebuildReport(
              incremental ? "incremental" : "full",
              started,
              Instant.now(),
              Math.round(seconds * 1000) / 1000.0,
              scanned[0],
              before,
              after,
              written[0],
              removed,
              seconds > 0 ? Math.round(scanned[0] / seconds) : scanned[0],
              errors);
      LOG.info(() -> "Cache rebuild of " + element.state().elementId() + ": " + report);
      recovery.initialiseLedger();
      return report;
    } catch (SQLException e) {
      throw databaseUnavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int flush(List<FileAttributes> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      cache.upsertAll(batch);
    } catch (SQLException e) {
      throw new UncheckedIOException(new IOException("Cache batch failed: " + e.getMessage(), e));
    }
    int n = batch.size();
    batch.clear();
    return n;
  }

  /** Compares attr.json, data and cache; repairs the cache when asked. */
  public ConsistencyReport check(boolean repair) {
    return exclusive(() -> doCheck(repair));
  }

  private ConsistencyReport doCheck(boolean repair) {
    ensureSchema();
    ElementStorage storage = element.storage();
    Map<String, Long> dataSizes = new HashMap<>();
    Set<String> attrKeys = new HashSet<>();
    try {
      storage
          .blobs()
          .walk(
              stat -> {
                if (stat.key().endsWith(FileAttributes.ATTR_SUFFIX)) {
                  attrKeys.add(stat.key());
                } else {
                  dataSizes.put(stat.key(), stat.size());
                }
              });
      List<Issue> issues = new ArrayList<>();
      Map<String, Long> counts = new HashMap<>();
      Map<UUID, FileAttributes> attrs = new HashMap<>();
      List<String> errors = new ArrayList<>();
      for (String attrKey : attrKeys) {
        String dataKey =
            attrKey.substring(0, attrKey.length() - FileAttributes.ATTR_SUFFIX.length());
        Optional<FileAttributes> decoded = decode(storage.blobs(), attrKey, errors);
        if (decoded.isEmpty()) {
          note(
              issues, counts, new Issue("invalid_attr", null, attrKey, "not a readable attr.json"));
          continue;
        }
        FileAttributes a = decoded.get();
        attrs.put(a.fileId(), a);
        Long size = dataSizes.get(dataKey);
        if (size == null) {
          note(
              issues,
              counts,
              new Issue(
                  "missing_data",
                  a.fileId().toString(),
                  dataKey,
                  "attr.json without its data file"));
        } else if (size != a.storedSizeBytes()) {
          note(
              issues,
              counts,
              new Issue(
                  "size_mismatch",
                  a.fileId().toString(),
                  dataKey,
                  "data is " + size + " bytes, attr.json says " + a.storedSizeBytes()));
        }
      }
      for (String dataKey : dataSizes.keySet()) {
        if (!attrKeys.contains(FileAttributes.attrKeyOf(dataKey))) {
          note(
              issues,
              counts,
              new Issue("orphan_file", null, dataKey, "data file without attr.json"));
        }
      }
      List<FileAttributes> toUpsert = new ArrayList<>();
      List<UUID> toDelete = new ArrayList<>();
      Set<UUID> seen = new HashSet<>();
      long[] cacheEntries = {0};
      cache.forEach(
          row -> {
            cacheEntries[0]++;
            seen.add(row.fileId());
            FileAttributes truth = attrs.get(row.fileId());
            if (truth == null) {
              note(
                  issues,
                  counts,
                  new Issue(
                      "orphan_cache_entry",
                      row.fileId().toString(),
                      row.dataKey(),
                      "cache row without attr.json"));
              toDelete.add(row.fileId());
            } else if (!truth.equals(row)) {
              note(
                  issues,
                  counts,
                  new Issue(
                      "cache_mismatch",
                      row.fileId().toString(),
                      row.dataKey(),
                      "cache row differs from attr.json (cache v"
                          + row.version()
                          + ", attr.json v"
                          + truth.version()
                          + ")"));
              toUpsert.add(truth);
            }
          });
      for (FileAttributes a : attrs.values()) {
        if (!seen.contains(a.fileId())) {
          note(
              issues,
              counts,
              new Issue(
                  "orphan_attr", a.fileId().toString(), a.attrKey(), "attr.json not in the cache"));
          toUpsert.add(a);
        }
      }
      long repaired = 0;
      if (repair) {
        for (int i = 0; i < toUpsert.size(); i += BATCH) {
          cache.upsertAll(toUpsert.subList(i, Math.min(toUpsert.size(), i + BATCH)));
        }
        for (UUID id : toDelete) {
          cache.delete(id);
        }
        for (FileAttributes a : attrs.values()) {
          storage.ids().put(a.fileId(), a.dataKey());
        }
        repaired = toUpsert.size() + toDelete.size();
        recovery.initialiseLedger();
      }
      long total = counts.values().stream().mapToLong(Long::longValue).sum();
      return new ConsistencyReport(
          total == 0,
          attrKeys.size(),
          dataSizes.size(),
          cacheEntries[0],
          counts,
          issues,
          repair,
          repaired);
    } catch (SQLException e) {
      throw databaseUnavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void note(List<Issue> issues, Map<String, Long> counts, Issue issue) {
    counts.merge(issue.kind(), 1L, Long::sum);
    if (issues.size() < 1000) {
      issues.add(issue);
    }
  }

  private Optional<FileAttributes> decode(BlobStore blobs, String attrKey, List<String> errors) {
    try {
      Optional<byte[]> json = blobs.readSmall(attrKey, AttrJsonCodec.MAX_BYTES * 4);
      if (json.isEmpty()) {
        return Optional.empty();
      }
      FileAttributes a = AttrJsonCodec.decode(json.get(), element.state().elementId());
      String expectedKey =
          attrKey.substring(0, attrKey.length() - FileAttributes.ATTR_SUFFIX.length());
      if (!a.dataKey().equals(expectedKey)) {
        addError(errors, attrKey + ": names " + a.dataKey());
        return Optional.empty();
      }
      return Optional.of(a);
    } catch (IOException | RuntimeException e) {
      addError(errors, attrKey + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static void addError(List<String> errors, String error) {
    if (errors.size() < SAMPLE) {
      errors.add(error);
    }
  }

  /** The schema may have been dropped (that is what a rebuild is for): migrate it again. */
  private void ensureSchema() {
    if (!migrator.remigrate()) {
      throw new ApiException(
          ProblemCode.SERVICE_UNAVAILABLE, "The metadata cache database is unavailable.");
    }
  }

  private static ApiException databaseUnavailable(SQLException e) {
    LOG.warning(() -> "Cache maintenance failed: " + e);
    return new ApiException(
        ProblemCode.SERVICE_UNAVAILABLE, "The metadata cache database is unavailable.");
  }

  private <T> T exclusive(java.util.function.Supplier<T> work) {
    if (!running.tryLock()) {
      throw new ApiException(
          ProblemCode.CONFLICT, "Another cache maintenance run is in progress on this element.");
    }
    try {
      return work.get();
    } finally {
      running.unlock();
    }
  }
}
