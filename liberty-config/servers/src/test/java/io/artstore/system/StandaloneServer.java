package io.artstore.system;

import io.artstore.launcher.LibertyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One more server, started by a test beside the running system (its PostgreSQL, Redis and signing
 * keys): a real WAR on a real Liberty server of its own, configured from one of the system's server
 * directories but with its own name, port, data directory, heap and settings. The test can stop it,
 * {@code kill -9} it and start it again on the same data.
 *
 * <p>Its server directory lives in a user directory of its own (sharing the system's {@code
 * shared/} directory), so the launcher never discovers and starts it.
 */
class StandaloneServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  final String id;
  final int port;
  final Path dataDir;
  private final Path userDir;
  private final Path outputDir;
  private final Map<String, String> environment;
  private LibertyServer server;

  /**
   * @param template the system's server directory whose server.xml it runs (e.g. "ingester")
   * @param settings its server.env lines (HTTP_PORT is added)
   * @param heap the -Xmx of its JVM, e.g. "256m"
   */
  StandaloneServer(
      String template, String id, int port, String heap, Map<String, String> settings) {
    RunningSystem system = RunningSystem.get();
    this.id = id;
    this.port = port;
    Path root = rootOf(id);
    this.dataDir = root.resolve("data");
    this.userDir = root.resolve("usr");
    this.outputDir = root.resolve("output");
    Path serverDir = userDir.resolve("servers").resolve(id);
    try {
      Files.createDirectories(serverDir);
      Files.createDirectories(dataDir);
      Path shared = userDir.resolve("shared");
      if (!Files.exists(shared)) {
        Files.createSymbolicLink(
            shared, system.repoRoot.resolve("target/liberty/usr/shared").toAbsolutePath());
      }
      Files.copy(
          system.repoRoot.resolve("liberty-config/usr/servers/" + template + "/server.xml"),
          serverDir.resolve("server.xml"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("HTTP_PORT", Integer.toString(port));
      env.putAll(settings);
      StringBuilder lines = new StringBuilder("# Written by StandaloneServer\n");
      env.forEach((k, v) -> lines.append(k).append('=').append(v).append('\n'));
      Files.writeString(serverDir.resolve("server.env"), lines, StandardCharsets.UTF_8);
      Files.writeString(
          serverDir.resolve("jvm.options"), "-Xmx" + heap + "\n-Xms32m\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    environment = new HashMap<>();
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("ARTSTORE_DATA_DIR", root.toString());
    environment.put("ARTSTORE_KEYS_DIR", system.keysDir.toString());
    environment.put("keystore_password", "standalone-" + id);
    environment.put(
        "ARTSTORE_DB_URL",
        "jdbc:postgresql://127.0.0.1:" + RunningSystem.POSTGRES_PORT + "/artstore");
    environment.put("ARTSTORE_DB_USER", "postgres");
    environment.put("ARTSTORE_DB_PASSWORD", "");
    environment.put("ARTSTORE_REDIS_URL", "redis://127.0.0.1:" + RunningSystem.REDIS_PORT);
    environment.put("LOG_FORMAT", "text");
  }

  /** Where a standalone server keeps its user directory, data and logs. */
  static Path rootOf(String id) {
    return RunningSystem.get().workDir.resolve("elements-it").resolve(id);
  }

  String url() {
    return "http://localhost:" + port;
  }

  String api() {
    return url() + "/api/v1";
  }

  /** Starts the server and waits until it is ready. */
  StandaloneServer start() {
    server =
        LibertyServer.discover(
                RunningSystem.get().repoRoot.resolve("target/liberty/wlp"), userDir, outputDir)
            .stream()
            .filter(s -> s.name().equals(id))
            .findFirst()
            .orElseThrow();
    try {
      server.start(environment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (Http.status(url() + "/health/ready") != 200) {
      if (!server.isAlive()) {
        throw new IllegalStateException(id + " exited while starting:\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(id + " not ready after " + START_TIMEOUT + ":\n" + log());
      }
      RunningSystem.sleep(250);
    }
    return this;
  }

  /** The element's JVM. */
  Optional<ProcessHandle> jvm() {
    return server == null ? Optional.empty() : server.jvm();
  }

  /** {@code kill -9} of the JVM: no shutdown hook, no flush, nothing orderly. */
  void kill9() {
    ProcessHandle jvm = jvm().orElseThrow(() -> new IllegalStateException(id + " is not running"));
    RunningSystem.signal("-KILL", Long.toString(jvm.pid()));
    RunningSystem.awaitGone(server.processes(), Duration.ofSeconds(30));
  }

  /** An orderly stop (SIGTERM). */
  void stop() {
    if (server != null && server.isAlive()) {
      server.stop(60);
    }
  }

  String log() {
    Path messages = outputDir.resolve(id).resolve("logs/messages.log");
    Path console = outputDir.resolve(id).resolve("logs/console.log");
    return RunningSystem.tail(Files.exists(messages) ? messages : console);
  }

  Path messagesLog() {
    return outputDir.resolve(id).resolve("logs/messages.log");
  }

  @Override
  public void close() {
    stop();
  }
}
