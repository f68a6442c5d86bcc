package io.artstore.launcher.testing;

import io.artstore.launcher.EmbeddedPostgresServer;
import io.artstore.launcher.EmbeddedRedisServer;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts a throw-away PostgreSQL and Redis once per test JVM, before any test (and so before
 * Arquillian starts Liberty, which reaches them through the {@code ARTSTORE_DB_URL} / {@code
 * ARTSTORE_REDIS_URL} the build sets to the same ports). Active only when the system property
 * {@code artstore.it.db.port} is set; a test module enables it by listing this class in its {@code
 * META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
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
