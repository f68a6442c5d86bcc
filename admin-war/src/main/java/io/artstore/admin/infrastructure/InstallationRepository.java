package io.artstore.admin.infrastructure;

import io.artstore.shared.status.ServiceStatus.Installation;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The single row of {@code installation}. */
@ApplicationScoped
public class InstallationRepository {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  public Optional<Installation> find() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, created_at FROM installation WHERE singleton")) {
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Installation(rs.getString(1), rs.getTimestamp(2).toInstant()));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the installation", e);
    }
  }

  /** Inserts the row unless another replica did first; returns whichever row won. */
  public Installation findOrCreate() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO installation (singleton, id, created_at) VALUES (TRUE, ?, ?)"
                    + " ON CONFLICT (singleton) DO NOTHING")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setTimestamp(2, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create the installation", e);
    }
    return find().orElseThrow();
  }
}
