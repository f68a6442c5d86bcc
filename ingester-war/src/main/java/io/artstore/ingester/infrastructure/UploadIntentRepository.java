package io.artstore.ingester.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code upload_intents} table (V2): uploads whose outcome is not settled yet. */
@ApplicationScoped
public class UploadIntentRepository {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** One unsettled upload on one element. */
  public record Intent(
      UUID fileId,
      String elementId,
      String elementUrl,
      String instanceId,
      Instant createdAt,
      int attempts) {}

  /**
   * Records an upload about to start. Committed without waiting for the disk (synchronous_commit
   * off): the row only has to outlive this process, not PostgreSQL itself, and it sits on the path
   * of every upload.
   */
  public void open(UUID fileId, String elementId, String elementUrl, String instanceId)
      throws SQLException {
    inRelaxedTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO upload_intents (file_id, element_id, element_url, instance_id)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (file_id, element_id) DO NOTHING")) {
            ps.setObject(1, fileId);
            ps.setString(2, elementId);
            ps.setString(3, elementUrl);
            ps.setString(4, instanceId);
            ps.executeUpdate();
          }
        });
  }

  /** The upload on this element is settled: registered, refused, or withdrawn. */
  public void settle(UUID fileId, String elementId) throws SQLException {
    inRelaxedTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM upload_intents WHERE file_id = ? AND element_id = ?")) {
            ps.setObject(1, fileId);
            ps.setString(2, elementId);
            ps.executeUpdate();
          }
        });
  }

  /** Intents due for the sweeper, oldest first. */
  public List<Intent> due(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT file_id, element_id, element_url, instance_id, created_at, attempts"
                    + " FROM upload_intents WHERE next_attempt_at <= now()"
                    + " ORDER BY created_at LIMIT ?")) {
      ps.setInt(1, limit);
      List<Intent> due = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          due.add(
              new Intent(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getTimestamp(5).toInstant(),
                  rs.getInt(6)));
        }
      }
      return due;
    }
  }

  /** A settling attempt failed: try again at {@code next}. */
  public void postpone(UUID fileId, String elementId, Instant next, String error)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE upload_intents SET attempts = attempts + 1, next_attempt_at = ?,"
                    + " last_error = ? WHERE file_id = ? AND element_id = ?")) {
      ps.setTimestamp(1, Timestamp.from(next));
      ps.setString(2, error == null ? null : error.substring(0, Math.min(error.length(), 500)));
      ps.setObject(3, fileId);
      ps.setString(4, elementId);
      ps.executeUpdate();
    }
  }

  public long count() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM upload_intents")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inRelaxedTransaction(Work work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SET LOCAL synchronous_commit TO OFF");
        }
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }
}
