package io.artstore.shared.health;

import io.artstore.shared.infrastructure.db.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PostgreSQL: reachable, answering, and this service's schema migrated. Critical for admin,
 * ingester and query; the storage element serves from attr.json without it and marks it
 * non-critical ({@code artstore.database.critical=false}).
 */
@ApplicationScoped
public class DatabaseDependency implements Dependency {
  private static final Logger LOG = Logger.getLogger(DatabaseDependency.class.getName());
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  @Inject SchemaMigrator migrator;

  @Inject
  @ConfigProperty(name = "artstore.database.critical", defaultValue = "true")
  boolean critical;

  @Override
  public String name() {
    return "database";
  }

  @Override
  public boolean critical() {
    return critical;
  }

  @Override
  public DependencyState probe() {
    long started = System.nanoTime();
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(VALIDATION_TIMEOUT_SECONDS);
      long latency = elapsedMillis(started);
      if (!valid) {
        return DependencyState.down(name(), critical, latency, "connection not valid");
      }
      if (!migrator.migrated()) {
        return DependencyState.down(
            name(), critical, latency, "schema " + migrator.schema() + " not migrated yet");
      }
      return DependencyState.up(name(), critical, latency);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Database probe failed", e);
      return DependencyState.down(name(), critical, elapsedMillis(started), "unreachable");
    }
  }

  static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
