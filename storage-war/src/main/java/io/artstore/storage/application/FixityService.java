package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.infrastructure.redis.RedisConnection;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.infrastructure.attr.AttrJsonCodec;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.cache.MetadataCacheRepository;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.StreamEntryID;

/**
 * Fixity: re-hashes stored files and compares with the SHA-256 in their attr.json (SPEC §3.6), on
 * demand and on a schedule, throttled to a read budget so it never starves clients. Every mismatch
 * is reported (API, {@code artstore_se_fixity_failures_total}, a {@code fixity_failed} event on the
 * Redis stream, a SEVERE log line, a row in {@code fixity_failures}) and nothing is "healed": the
 * bytes stay as found for an operator to restore from a copy.
 */
@ApplicationScoped
public class FixityService {
  private static final Logger LOG = Logger.getLogger(FixityService.class.getName());
  public static final String EVENT_STREAM = "artstore:events";

  @Inject ElementService element;
  @Inject ElementSettings settings;
  @Inject MetadataCacheRepository cache;
  @Inject StorageOperations operations;
  @Inject RedisConnection redis;

  @Resource ManagedScheduledExecutorService scheduler;

  private final ReentrantLock running = new ReentrantLock();
  private volatile Report last;
  private ScheduledFuture<?> schedule;

  /** One mismatch. */
  public record Failure(String fileId, String key, String kind, String expected, String actual) {}

  /** What a run found. */
  public record Report(
      String trigger,
      Instant startedAt,
      Instant completedAt,
      long filesChecked,
      long bytesRead,
      long failuresFound,
      List<Failure> failures) {}

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Duration interval = settings.fixityInterval();
    if (!interval.isZero() && !interval.isNegative()) {
      long seconds = interval.toSeconds();
      schedule =
          scheduler.scheduleWithFixedDelay(
              () -> {
                try {
                  run("scheduled", null, settings.fixityRateBytesPerSecond());
                } catch (RuntimeException e) {
                  LOG.log(Level.WARNING, "Scheduled fixity check failed", e);
                }
              },
              seconds,
              seconds,
              TimeUnit.SECONDS);
    }
  }

  @PreDestroy
  void stop() {
    if (schedule != null) {
      schedule.cancel(true);
    }
  }

  public Optional<Report> last() {
    return Optional.ofNullable(last);
  }

  /**
   * Checks one file ({@code fileId}) or all of them, reading at most {@code bytesPerSecond}.
   * Concurrent runs are refused (409).
   */
  public Report run(String trigger, UUID fileId, long bytesPerSecond) {
    if (!running.tryLock()) {
      throw new ApiException(ProblemCode.CONFLICT, "A fixity check is already running.");
    }
    try {
      Instant started = Instant.now();
      BlobStore blobs = element.storage().blobs();
      Throttle throttle = new Throttle(bytesPerSecond);
      List<Failure> failures = new ArrayList<>();
      long[] totals = new long[2];
      if (fileId != null) {
        String key =
            element
                .storage()
                .ids()
                .get(fileId)
                .orElseThrow(
                    () -> new ApiException(ProblemCode.NOT_FOUND, "No file " + fileId + " here."));
        check(blobs, FileAttributes.attrKeyOf(key), throttle, failures, totals);
      } else {
        blobs.walk(
            stat -> {
              if (stat.key().endsWith(FileAttributes.ATTR_SUFFIX)) {
                check(blobs, stat.key(), throttle, failures, totals);
              }
            });
      }
      Report report =
          new Report(
              trigger,
              started,
              Instant.now(),
              totals[0],
              totals[1],
              failures.size(),
              failures.size() > 1000 ? failures.subList(0, 1000) : failures);
      last = report;
      LOG.info(
          () ->
              "Fixity check ("
                  + trigger
                  + ") of "
                  + report.filesChecked()
                  + " files: "
                  + report.failuresFound()
                  + " failures");
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      running.unlock();
    }
  }

  private void check(
      BlobStore blobs, String attrKey, Throttle throttle, List<Failure> failures, long[] totals) {
    FileAttributes attrs;
    try {
      Optional<byte[]> json = blobs.readSmall(attrKey, AttrJsonCodec.MAX_BYTES * 4);
      if (json.isEmpty()) {
        return;
      }
      attrs = AttrJsonCodec.decode(json.get(), element.state().elementId());
    } catch (IOException | RuntimeException e) {
      return; // Unreadable attr.json: the consistency check reports those.
    }
    totals[0]++;
    String actual;
    try {
      Optional<BlobStore.BlobStat> stat = blobs.stat(attrs.dataKey());
      if (stat.isEmpty()) {
        fail(failures, attrs, "missing_data", attrs.storedChecksum().value(), null);
        return;
      }
      MessageDigest digest = FileService.sha256();
      byte[] buffer = new byte[256 * 1024];
      long size = 0;
      try (InputStream in = blobs.open(attrs.dataKey(), 0, -1)) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          digest.update(buffer, 0, n);
          size += n;
          throttle.consumed(n);
        }
      }
      totals[1] += size;
      actual = HexFormat.of().formatHex(digest.digest());
      // The data file is checked as stored: a compressed file against the size and SHA-256 of
      // its compressed bytes (attr.json's stored_*), so fixity never decompresses (D35).
      if (size != attrs.storedSizeBytes()) {
        fail(
            failures,
            attrs,
            "size_mismatch",
            Long.toString(attrs.storedSizeBytes()),
            Long.toString(size));
      } else if (!actual.equals(attrs.storedChecksum().value())) {
        fail(failures, attrs, "checksum_mismatch", attrs.storedChecksum().value(), actual);
      }
    } catch (IOException e) {
      fail(failures, attrs, "unreadable", attrs.storedChecksum().value(), e.getMessage());
    }
  }

  private void fail(
      List<Failure> failures, FileAttributes attrs, String kind, String expected, String actual) {
    Failure failure =
        new Failure(attrs.fileId().toString(), attrs.dataKey(), kind, expected, actual);
    failures.add(failure);
    operations.fixityFailure();
    LOG.severe(
        () ->
            "FIXITY FAILURE on element "
                + element.state().elementId()
                + ": "
                + kind
                + " of file "
                + attrs.fileId()
                + " ("
                + attrs.dataKey()
                + "), expected "
                + expected
                + ", found "
                + actual);
    try {
      cache.recordFixityFailure(attrs.fileId(), attrs.dataKey(), kind, expected, actual);
    } catch (SQLException e) {
      LOG.log(Level.FINE, "Fixity failure not recorded in the database", e);
    }
    try {
      redis
          .client()
          .xadd(
              EVENT_STREAM,
              StreamEntryID.NEW_ENTRY,
              Map.of(
                  "type", "fixity_failed",
                  "element_id", element.state().elementId(),
                  "file_id", attrs.fileId().toString(),
                  "kind", kind,
                  "occurred_at", Instant.now().toString()));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "fixity_failed event not published (Redis unavailable)", e);
    }
  }

  /** Sleeps as needed to keep the read rate at or below the budget. */
  static final class Throttle {
    private final long bytesPerSecond;
    private final long startNanos = System.nanoTime();
    private long bytes;

    Throttle(long bytesPerSecond) {
      this.bytesPerSecond = bytesPerSecond;
    }

    void consumed(long n) {
      if (bytesPerSecond <= 0) {
        return;
      }
      bytes += n;
      long dueNanos = (long) (bytes * 1e9 / bytesPerSecond);
      long aheadNanos = dueNanos - (System.nanoTime() - startNanos);
      if (aheadNanos > 1_000_000) {
        try {
          TimeUnit.NANOSECONDS.sleep(aheadNanos);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Fixity check interrupted");
        }
      }
    }
  }
}
