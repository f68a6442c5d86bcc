package io.artstore.admin.infrastructure;

import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * GC's view of the file registry ({@code files}, V7 columns), its outbox events and its run log
 * ({@code gc_runs}). A removal, its status change and its {@code file.purged} event are one
 * transaction, like every registry change (D31).
 */
@ApplicationScoped
public class GcRepository {
  /** Rows due for removal: expired temporaries, deleted ones past the grace, expired ones. */
  private static final String CANDIDATES =
      " FROM files WHERE purged_at IS NULL AND ("
          + "(status = 'active' AND retention_policy = 'temporary' AND expires_at <= ?)"
          + " OR (status = 'deleted' AND COALESCE(updated_at, registered_at) <= ?)"
          + " OR status = 'expired')";

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** A registry row GC looks at. */
  public record Candidate(
      UUID fileId,
      String storageElementId,
      String status,
      String retentionPolicy,
      Instant expiresAt,
      Instant deletedAt,
      int gcAttempts,
      Instant gcNextAttemptAt) {}

  /** A file whose removal failed, for the status view. */
  public record Failure(
      UUID fileId,
      String storageElementId,
      int attempts,
      String lastError,
      Instant lastAttemptAt,
      Instant nextAttemptAt) {}

  /** One pass, as recorded. */
  public record Run(
      long id,
      String trigger,
      String holder,
      Instant startedAt,
      Instant finishedAt,
      int examined,
      int purged,
      int failed,
      int skipped,
      int expiringEvents,
      String error) {}

  /**
   * The next batch of candidates after {@code afterId} (keyset paging in file id order, so a pass
   * ends even when it retries rows): expired before {@code expiredBefore}, deleted before {@code
   * deletedBefore}; only rows due at {@code now} unless {@code ignoreBackoff}.
   */
  public List<Candidate> candidates(
      Instant expiredBefore,
      Instant deletedBefore,
      Instant now,
      boolean ignoreBackoff,
      UUID afterId,
      int limit) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(Timestamp.from(expiredBefore));
    parameters.add(Timestamp.from(deletedBefore));
    String due = "";
    if (!ignoreBackoff) {
      due = " AND (gc_next_attempt_at IS NULL OR gc_next_attempt_at <= ?)";
      parameters.add(Timestamp.from(now));
    }
    String after = "";
    if (afterId != null) {
      after = " AND file_id > ?";
      parameters.add(afterId);
    }
    parameters.add(limit);
    return Jdbc.list(
        dataSource,
        "SELECT file_id, storage_element_id, status, retention_policy, expires_at,"
            + " COALESCE(updated_at, registered_at) AS deleted_at, gc_attempts,"
            + " gc_next_attempt_at"
            + CANDIDATES
            + due
            + after
            + " ORDER BY file_id LIMIT ?",
        parameters,
        rs ->
            new Candidate(
                rs.getObject("file_id", UUID.class),
                rs.getString("storage_element_id"),
                rs.getString("status"),
                rs.getString("retention_policy"),
                instant(rs, "expires_at"),
                instant(rs, "deleted_at"),
                rs.getInt("gc_attempts"),
                instant(rs, "gc_next_attempt_at")));
  }

  /** How many rows wait for removal (due or backing off). */
  public long pending(Instant expiredBefore, Instant deletedBefore) {
    return Jdbc.count(
        dataSource,
        "SELECT count(*)" + CANDIDATES,
        List.of(Timestamp.from(expiredBefore), Timestamp.from(deletedBefore)));
  }

  /** Rows whose last removal attempt failed (not purged yet), most recent first. */
  public List<Failure> failures(int limit) {
    return Jdbc.list(
        dataSource,
        "SELECT file_id, storage_element_id, gc_attempts, gc_last_error, gc_last_attempt_at,"
            + " gc_next_attempt_at FROM files WHERE purged_at IS NULL AND gc_attempts > 0"
            + " ORDER BY gc_last_attempt_at DESC NULLS LAST, file_id LIMIT ?",
        List.of(limit),
        rs ->
            new Failure(
                rs.getObject("file_id", UUID.class),
                rs.getString("storage_element_id"),
                rs.getInt("gc_attempts"),
                rs.getString("gc_last_error"),
                instant(rs, "gc_last_attempt_at"),
                instant(rs, "gc_next_attempt_at")));
  }

  public long failing() {
    return Jdbc.count(
        dataSource,
        "SELECT count(*) FROM files WHERE purged_at IS NULL AND gc_attempts > 0",
        List.of());
  }

  /**
   * Records a removal: status {@code statusAfter}, {@code purged_at}, GC state cleared, and the
   * {@code file.purged} event, in one transaction. False when the row was gone or purged already.
   */
  public boolean markPurged(
      UUID fileId, String storageElementId, String statusAfter, String reason) {
    try {
      return Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement u =
                c.prepareStatement(
                    "UPDATE files SET status = ?, purged_at = now(), gc_last_attempt_at = now(),"
                        + " gc_next_attempt_at = NULL, gc_last_error = NULL"
                        + " WHERE file_id = ? AND purged_at IS NULL")) {
              u.setString(1, statusAfter);
              u.setObject(2, fileId);
              if (u.executeUpdate() != 1) {
                return false;
              }
            }
            JsonObject payload =
                Json.createObjectBuilder()
                    .add("file_id", fileId.toString())
                    .add("storage_element_id", storageElementId)
                    .add("reason", reason)
                    .add("status", statusAfter)
                    .build();
            FileRegistryRepository.event(c, "file.purged", fileId.toString(), payload);
            return true;
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Recording the removal of " + fileId + " failed", e);
    }
  }

  /** Records a failed attempt: one more, the error, and when to try again. */
  public void recordFailure(UUID fileId, String error, Instant nextAttemptAt) {
    try {
      Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement u =
                c.prepareStatement(
                    "UPDATE files SET gc_attempts = gc_attempts + 1, gc_last_error = ?,"
                        + " gc_last_attempt_at = now(), gc_next_attempt_at = ?"
                        + " WHERE file_id = ? AND purged_at IS NULL")) {
              u.setString(1, error.length() > 1000 ? error.substring(0, 1000) : error);
              u.setTimestamp(2, Timestamp.from(nextAttemptAt));
              u.setObject(3, fileId);
              return u.executeUpdate();
            }
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Recording the failed removal of " + fileId + " failed", e);
    }
  }

  /** Active temporary files expiring in (now, until] whose warning is still to be raised. */
  public List<Candidate> expiringUnnotified(Instant now, Instant until, int limit) {
    return Jdbc.list(
        dataSource,
        "SELECT file_id, storage_element_id, status, retention_policy, expires_at, gc_attempts,"
            + " gc_next_attempt_at FROM files WHERE expiring_notified_at IS NULL"
            + " AND status = 'active' AND retention_policy = 'temporary' AND purged_at IS NULL"
            + " AND expires_at > ? AND expires_at <= ? ORDER BY expires_at, file_id LIMIT ?",
        List.of(Timestamp.from(now), Timestamp.from(until), limit),
        rs ->
            new Candidate(
                rs.getObject("file_id", UUID.class),
                rs.getString("storage_element_id"),
                rs.getString("status"),
                rs.getString("retention_policy"),
                instant(rs, "expires_at"),
                null,
                rs.getInt("gc_attempts"),
                instant(rs, "gc_next_attempt_at")));
  }

  /**
   * Flags the file as warned and writes its {@code file.expiring} event, once: false when another
   * pass flagged it first.
   */
  public boolean markExpiringNotified(UUID fileId, String storageElementId, Instant expiresAt) {
    try {
      return Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement u =
                c.prepareStatement(
                    "UPDATE files SET expiring_notified_at = now()"
                        + " WHERE file_id = ? AND expiring_notified_at IS NULL")) {
              u.setObject(1, fileId);
              if (u.executeUpdate() != 1) {
                return false;
              }
            }
            FileRegistryRepository.event(
                c,
                "file.expiring",
                fileId.toString(),
                Json.createObjectBuilder()
                    .add("file_id", fileId.toString())
                    .add("storage_element_id", storageElementId)
                    .add("expires_at", expiresAt.toString())
                    .build());
            return true;
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Recording the expiry warning of " + fileId + " failed", e);
    }
  }

  public void recordRun(Run run) {
    try {
      Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO gc_runs (run_trigger, holder, started_at, finished_at, examined,"
                        + " purged, failed, skipped, expiring_events, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
              s.setString(1, run.trigger());
              s.setString(2, run.holder());
              s.setTimestamp(3, Timestamp.from(run.startedAt()));
              s.setTimestamp(4, Timestamp.from(run.finishedAt()));
              s.setInt(5, run.examined());
              s.setInt(6, run.purged());
              s.setInt(7, run.failed());
              s.setInt(8, run.skipped());
              s.setInt(9, run.expiringEvents());
              s.setString(10, run.error());
              s.executeUpdate();
            }
            // The log is for status and coordination, not history (the audit log is that).
            try (PreparedStatement d =
                c.prepareStatement(
                    "DELETE FROM gc_runs WHERE id < (SELECT max(id) - 1000 FROM gc_runs)")) {
              d.executeUpdate();
            }
            return null;
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Recording the GC run failed", e);
    }
  }

  public Optional<Run> lastRun() {
    return Jdbc.one(
        dataSource,
        "SELECT id, run_trigger, holder, started_at, finished_at, examined, purged, failed,"
            + " skipped, expiring_events, error FROM gc_runs ORDER BY finished_at DESC, id DESC"
            + " LIMIT 1",
        List.of(),
        rs ->
            new Run(
                rs.getLong("id"),
                rs.getString("run_trigger"),
                rs.getString("holder"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getInt("examined"),
                rs.getInt("purged"),
                rs.getInt("failed"),
                rs.getInt("skipped"),
                rs.getInt("expiring_events"),
                rs.getString("error")));
  }

  /**
   * Capacity warnings: sets the element's flag and writes {@code storage_element.capacity_warning}
   * in one transaction, only when it was not set (one event per crossing, across replicas).
   */
  public boolean raiseCapacityWarning(UUID id, JsonObject payload) {
    try {
      return Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement u =
                c.prepareStatement(
                    "UPDATE storage_elements SET capacity_warning_since = now()"
                        + " WHERE id = ? AND capacity_warning_since IS NULL")) {
              u.setObject(1, id);
              if (u.executeUpdate() != 1) {
                return false;
              }
            }
            FileRegistryRepository.event(
                c, "storage_element.capacity_warning", id.toString(), payload);
            return true;
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Recording the capacity warning failed", e);
    }
  }

  /** Clears the flag once the element is below the threshold again; true when it was set. */
  public boolean clearCapacityWarning(UUID id) {
    try {
      return Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement u =
                c.prepareStatement(
                    "UPDATE storage_elements SET capacity_warning_since = NULL"
                        + " WHERE id = ? AND capacity_warning_since IS NOT NULL")) {
              u.setObject(1, id);
              return u.executeUpdate() == 1;
            }
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Clearing the capacity warning failed", e);
    }
  }

  /** Whether the element's warning is raised now. */
  public boolean capacityWarned(UUID id) {
    return Jdbc.count(
            dataSource,
            "SELECT count(*) FROM storage_elements WHERE id = ? AND capacity_warning_since IS NOT"
                + " NULL",
            List.of(id))
        > 0;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
