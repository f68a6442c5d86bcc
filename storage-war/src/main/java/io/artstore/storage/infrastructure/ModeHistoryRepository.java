package io.artstore.storage.infrastructure;

import io.artstore.shared.api.request.RequestContext;
import io.artstore.storage.domain.ElementMode;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The history of the element's mode changes in its PostgreSQL schema. Best effort by design: the
 * state file is the truth and a mode change never waits for, or fails with, the database.
 */
@ApplicationScoped
public class ModeHistoryRepository {
  private static final Logger LOG = Logger.getLogger(ModeHistoryRepository.class.getName());

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  public void record(
      String elementId, ElementMode from, ElementMode to, String cause, Instant changedAt) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO mode_history (element_id, from_mode, to_mode, cause, request_id,"
                    + " changed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, elementId);
      insert.setString(2, from.wireName());
      insert.setString(3, to.wireName());
      insert.setString(4, cause);
      insert.setString(5, RequestContext.currentId());
      insert.setTimestamp(6, Timestamp.from(changedAt));
      insert.executeUpdate();
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Mode change "
              + from.wireName()
              + " -> "
              + to.wireName()
              + " of "
              + elementId
              + " not recorded in the database (the state file has it): "
              + e);
    }
  }
}
