package io.artstore.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's binaries) whose data directory persists between runs, with
 * prepared transactions enabled for the XA transfers. Listens on the loopback only.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  public static final String DATABASE = "artstore";
  public static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts PostgreSQL on {@code port} over {@code dataDirectory} (initialised on first use), and
   * creates the {@value #DATABASE} database if it is missing.
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean clean)
      throws IOException, SQLException {
    Files.createDirectories(dataDirectory);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(clean)
            .setPort(port)
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", "127.0.0.1")
            // zonky starts PostgreSQL with fsync and synchronous commits off (fast tests); the
            // archive's metadata must survive a crash of the machine, so both are turned back on.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "300")
            .setServerConfig("max_prepared_transactions", "64")
            .start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, dataDirectory);
    server.createDatabaseIfMissing();
    return server;
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE);
          }
        }
      }
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The postmaster's pid, from {@code postmaster.pid}; -1 when it is not running. */
  public long pid() {
    return postmasterPid(dataDirectory);
  }

  public static long postmasterPid(Path dataDirectory) {
    try {
      String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
      return Long.parseLong(first);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Fast shutdown (pg_ctl stop -m fast). Safe to call when the server is already gone. */
  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
