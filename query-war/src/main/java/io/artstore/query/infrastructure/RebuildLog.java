package io.artstore.query.infrastructure;

import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The rebuilds of the search index ({@code index_rebuilds}), for the index status. */
@ApplicationScoped
public class RebuildLog {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** One rebuild as the status shows it. */
  public record Rebuild(
      long id,
      Instant startedAt,
      Instant finishedAt,
      String state,
      String reason,
      long files,
      long deleted,
      String error) {}

  public long started(Instant at, String reason) {
    return Jdbc.one(
            dataSource,
            "INSERT INTO index_rebuilds (started_at, state, reason) VALUES (?, 'running', ?)"
                + " RETURNING id",
            List.of(Timestamp.from(at), reason),
            rs -> rs.getLong(1))
        .orElseThrow();
  }

  public void progress(long id, long files) {
    Jdbc.list(
        dataSource,
        "UPDATE index_rebuilds SET files = ? WHERE id = ? RETURNING id",
        List.of(files, id),
        rs -> rs.getLong(1));
  }

  public void finished(long id, String state, long files, long deleted, String error) {
    Jdbc.list(
        dataSource,
        "UPDATE index_rebuilds SET finished_at = now(), state = ?, files = ?, deleted = ?, error"
            + " = ? WHERE id = ? RETURNING id",
        java.util.Arrays.asList(state, files, deleted, error, id),
        rs -> rs.getLong(1));
  }

  public Optional<Rebuild> latest() {
    return Jdbc.one(
        dataSource,
        "SELECT id, started_at, finished_at, state, reason, files, deleted, error FROM"
            + " index_rebuilds ORDER BY id DESC LIMIT 1",
        List.of(),
        rs ->
            new Rebuild(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getString(8)));
  }
}
