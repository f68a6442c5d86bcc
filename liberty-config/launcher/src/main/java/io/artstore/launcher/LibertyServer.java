package io.artstore.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Liberty server of the user directory, run in the foreground ({@code server run}) as a child
 * of the launcher. Its logs and work area go to the run's data directory ({@code WLP_OUTPUT_DIR}),
 * so the build output only ever holds configuration and applications.
 */
public final class LibertyServer {
  private final String name;
  private final Path wlpHome;
  private final Path userDir;
  private final Path outputDir;
  private final int httpPort;
  private Process process;

  LibertyServer(String name, Path wlpHome, Path userDir, Path outputDir, int httpPort) {
    this.name = name;
    this.wlpHome = wlpHome;
    this.userDir = userDir;
    this.outputDir = outputDir;
    this.httpPort = httpPort;
  }

  /**
   * Every server of the user directory, in name order. Its port is the {@code HTTP_PORT} of its
   * {@code server.env}: adding a server directory is all it takes to run one more instance.
   */
  public static List<LibertyServer> discover(Path wlpHome, Path userDir, Path outputDir) {
    Path servers = userDir.resolve("servers");
    try (Stream<Path> dirs = Files.list(servers)) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve("server.xml")))
          .sorted()
          .map(
              dir ->
                  new LibertyServer(
                      dir.getFileName().toString(),
                      wlpHome,
                      userDir,
                      outputDir,
                      httpPort(dir.resolve("server.env"))))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list Liberty servers in " + servers, e);
    }
  }

  static int httpPort(Path serverEnv) {
    try {
      return readEnvFile(serverEnv).entrySet().stream()
          .filter(e -> e.getKey().equals("HTTP_PORT"))
          .map(e -> Integer.parseInt(e.getValue()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(serverEnv + " sets no HTTP_PORT"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + serverEnv, e);
    }
  }

  /** The KEY=value lines of a Liberty {@code server.env} (comments and blanks skipped). */
  static Map<String, String> readEnvFile(Path file) throws IOException {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String trimmed = line.trim();
      int eq = trimmed.indexOf('=');
      if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
        continue;
      }
      values.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
    }
    return values;
  }

  public String name() {
    return name;
  }

  public int httpPort() {
    return httpPort;
  }

  public String baseUrl() {
    return "http://localhost:" + httpPort;
  }

  public Path logDirectory() {
    return outputDir.resolve(name).resolve("logs");
  }

  public Path consoleLog() {
    return logDirectory().resolve("console.log");
  }

  public void start(Map<String, String> environment) throws IOException {
    Files.createDirectories(logDirectory());
    ProcessBuilder builder =
        new ProcessBuilder(wlpHome.resolve("bin/server").toString(), "run", name)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("WLP_USER_DIR", userDir.toString());
    builder.environment().put("WLP_OUTPUT_DIR", outputDir.toString());
    process = builder.start();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The server's JVM (a child of the {@code server} script), once it runs. */
  public Optional<ProcessHandle> jvm() {
    if (process == null) {
      return Optional.empty();
    }
    // The server script may exec the JVM itself (then the process is the JVM) or fork it.
    return Stream.concat(Stream.of(process.toHandle()), process.descendants())
        .filter(p -> p.isAlive() && p.info().command().orElse("").endsWith("java"))
        .findFirst();
  }

  /** Every process this server consists of: the script and its descendants. */
  public List<ProcessHandle> processes() {
    if (process == null) {
      return List.of();
    }
    return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
  }

  /**
   * Stops the server the way Liberty expects: SIGTERM to its JVM runs Liberty's orderly shutdown
   * (applications stopped, transactions and logs closed). Forcibly after {@code timeoutSeconds}.
   */
  public void stop(long timeoutSeconds) {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all = processes();
    jvm().ifPresent(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (ProcessHandle handle : all) {
      long left = deadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (Exception timedOut) {
        handle.destroyForcibly();
      }
    }
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
