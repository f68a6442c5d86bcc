package io.artstore.launcher.testing;

import io.artstore.launcher.DevSigningKeys;
import io.artstore.launcher.EmbeddedPostgresServer;
import io.artstore.launcher.EmbeddedRedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a throw-away PostgreSQL and Redis once per test JVM, before any test (and so before
 * Arquillian starts Liberty, which reaches them through the {@code ARTSTORE_DB_URL} / {@code
 * ARTSTORE_REDIS_URL} the build sets to the same ports). This jar registers it as a service; it
 * acts only when the system property {@code artstore.it.db.port} is set (the root pom's
 * arquillian-liberty profile sets it). The work directory ({@code artstore.it.work-dir}) is emptied
 * first.
 */
public class EmbeddedInfrastructureSessionListener implements LauncherSessionListener {
  private EmbeddedPostgresServer postgres;
  private EmbeddedRedisServer redis;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    String dbPort = System.getProperty("artstore.it.db.port");
    if (dbPort == null) {
      return;
    }
    Path work = Path.of(System.getProperty("artstore.it.work-dir", "target/it-infrastructure"));
    try {
      // Every test run starts from nothing: no database, no element data of an earlier run.
      deleteRecursively(work);
      // Signing keys where the test servers look for them (ARTSTORE_KEYS_DIR, set by the build).
      DevSigningKeys.ensure(work.resolve("keys"));
      postgres =
          EmbeddedPostgresServer.start(work.resolve("postgres"), Integer.parseInt(dbPort), true);
      String redisPort = System.getProperty("artstore.it.redis.port");
      if (redisPort != null) {
        redis =
            EmbeddedRedisServer.start(
                work.resolve("redis"), Integer.parseInt(redisPort), work.resolve("redis.log"));
      }
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the test infrastructure", e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (redis != null) {
      redis.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (Exception e) {
        System.err.println("Stopping the test PostgreSQL failed: " + e);
      }
    }
  }
}
