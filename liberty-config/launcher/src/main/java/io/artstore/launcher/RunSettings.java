package io.artstore.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a run is told by its environment (SPEC §7). Paths are made absolute here, once, because the
 * Liberty servers run with other working directories.
 */
public record RunSettings(
    Path dataDir,
    Path keysDir,
    Path wlpHome,
    Path userDir,
    String externalDbUrl,
    String dbUser,
    String dbPassword,
    String externalRedisUrl,
    int embeddedDbPort,
    int embeddedRedisPort,
    Duration readyTimeout) {

  public static RunSettings from(Map<String, String> env, Path workingDir) {
    return new RunSettings(
        path(env, "ARTSTORE_DATA_DIR", "data", workingDir),
        path(env, "ARTSTORE_KEYS_DIR", "keys", workingDir),
        path(env, "ARTSTORE_WLP_HOME", "target/liberty/wlp", workingDir),
        path(env, "ARTSTORE_WLP_USER_DIR", "target/liberty/usr", workingDir),
        blankToNull(env.get("ARTSTORE_DB_URL")),
        env.getOrDefault("ARTSTORE_DB_USER", EmbeddedPostgresServer.USER),
        env.getOrDefault("ARTSTORE_DB_PASSWORD", ""),
        blankToNull(env.get("ARTSTORE_REDIS_URL")),
        Integer.parseInt(env.getOrDefault("ARTSTORE_EMBEDDED_DB_PORT", "15432")),
        Integer.parseInt(env.getOrDefault("ARTSTORE_EMBEDDED_REDIS_PORT", "16379")),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("ARTSTORE_READY_TIMEOUT_SECONDS", "300"))));
  }

  public boolean embeddedDatabase() {
    return externalDbUrl == null;
  }

  public boolean embeddedRedis() {
    return externalRedisUrl == null;
  }

  /** ARTSTORE_CONFIG_DIR, as every service resolves it (default: the data directory's config/). */
  public Path configDir() {
    String configured = System.getenv("ARTSTORE_CONFIG_DIR");
    return configured == null || configured.isBlank()
        ? dataDir.resolve("config")
        : Path.of(configured).toAbsolutePath();
  }

  public Path runDir() {
    return dataDir.resolve("run");
  }

  public Path logDir() {
    return dataDir.resolve("logs");
  }

  private static Path path(Map<String, String> env, String name, String fallback, Path base) {
    String value = blankToNull(env.get(name));
    return base.resolve(value == null ? fallback : value).toAbsolutePath().normalize();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
