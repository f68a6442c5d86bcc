package io.artstore.shared.infrastructure.db;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies this service's Flyway migrations ({@code classpath:db/migration}) to its own schema at
 * start-up. On Liberty, Flyway finds that directory through the empty {@code flyway.location} file
 * each WAR keeps in it (the class loader does not list directories). When the database is not
 * reachable yet the service still starts (readiness reports the database DOWN) and the migration is
 * retried until it succeeds, so start order between PostgreSQL and the services never matters.
 * Concurrent replicas are serialised by Flyway's advisory lock.
 */
@ApplicationScoped
public class SchemaMigrator {
  private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject Event<SchemaReady> schemaReady;

  @Inject
  @ConfigProperty(name = "artstore.db.schema")
  String schema;

  @Inject
  @ConfigProperty(name = "artstore.db.migration-retry-seconds", defaultValue = "5")
  long retrySeconds;

  private volatile boolean migrated;
  private volatile ScheduledFuture<?> retry;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!migrate()) {
      retry =
          scheduler.scheduleWithFixedDelay(
              this::retryMigration, retrySeconds, retrySeconds, TimeUnit.SECONDS);
    }
  }

  private void retryMigration() {
    if (migrate() && retry != null) {
      retry.cancel(false);
    }
  }

  /** Migrates now if not done yet; true when the schema is current. */
  public synchronized boolean migrate() {
    if (migrated) {
      return true;
    }
    return runMigrations();
  }

  private boolean runMigrations() {
    try {
      MigrateResult result =
          Flyway.configure(getClass().getClassLoader())
              .dataSource(dataSource)
              .schemas(schema)
              .defaultSchema(schema)
              .createSchemas(true)
              .locations("classpath:db/migration")
              // A location that cannot be scanned must stop the start, not "migrate" nothing.
              .failOnMissingLocations(true)
              .load()
              .migrate();
      LOG.info(
          () ->
              "Schema "
                  + schema
                  + " is at version "
                  + (result.targetSchemaVersion == null
                      ? result.initialSchemaVersion
                      : result.targetSchemaVersion)
                  + " ("
                  + result.migrationsExecuted
                  + " migrations applied now)");
      verifyDataSourceSchema();
      migrated = true;
    } catch (RuntimeException | SQLException e) {
      migrated = false;
      LOG.log(
          Level.WARNING,
          "Schema " + schema + " not migrated yet (retrying every " + retrySeconds + " s): " + e,
          LOG.isLoggable(Level.FINE) ? e : null);
      return false;
    }
    try {
      schemaReady.fire(new SchemaReady(schema));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Start-up work after the migration of " + schema + " failed", e);
    }
    return true;
  }

  /**
   * The datasource's {@code currentSchema} (server configuration) and {@code artstore.db.schema}
   * (application configuration) must name the same schema, or the service would migrate one schema
   * and query another.
   */
  private void verifyDataSourceSchema() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
      String actual = rs.next() ? rs.getString(1) : null;
      if (!schema.equals(actual)) {
        throw new IllegalStateException(
            "The datasource works in schema "
                + actual
                + " but artstore.db.schema is "
                + schema
                + ": set ARTSTORE_DB_SCHEMA for both");
      }
    }
  }

  /**
   * Runs the migrations again even if they ran at start-up: for a schema that was dropped while the
   * service ran (a cache that is rebuilt from its source of truth). Cheap when nothing is missing.
   * The schema counts as migrated meanwhile: readiness must not flap while a healthy schema is
   * merely checked again.
   */
  public synchronized boolean remigrate() {
    return runMigrations();
  }

  public boolean migrated() {
    return migrated;
  }

  public String schema() {
    return schema;
  }

  @PreDestroy
  void stop() {
    ScheduledFuture<?> pending = retry;
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
