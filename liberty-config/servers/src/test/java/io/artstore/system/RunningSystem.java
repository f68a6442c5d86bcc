package io.artstore.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole system, started the way a user starts it: the first fenced shell block of the README's
 * Quick start, run from the repository root in a process group of its own, with the run's data in
 * this module's target directory. Stopped the way a user stops it: SIGINT to that process group
 * (Ctrl-C).
 */
final class RunningSystem {
  static final Map<String, Integer> PORTS = new LinkedHashMap<>();

  static {
    PORTS.put("admin", 8000);
    PORTS.put("storage-edit", 8010);
    PORTS.put("storage-rw", 8011);
    PORTS.put("ingester", 8020);
    PORTS.put("query", 8030);
  }

  /** The system account the run creates on its first start (ARTSTORE_INITIAL_ACCOUNT_*). */
  static final String CLIENT_ID = "sa_it_bootstrap_0000aaaa";

  static final String CLIENT_SECRET =
      "it-" + java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

  static final String ADMIN_USERNAME = "it-root";
  static final String ADMIN_PASSWORD = "It-Root-" + java.util.UUID.randomUUID();

  /** Short, so the rotation test can watch a retired key being refused. */
  static final Duration KEY_GRACE = Duration.ofSeconds(20);

  /** How long admin's GC keeps deleted files (default one day). */
  static final Duration GC_DELETED_GRACE = Duration.ofSeconds(8);

  static final int POSTGRES_PORT = 15432;
  static final int REDIS_PORT = 16379;
  private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  private static RunningSystem shared;

  final Path repoRoot;
  final Path workDir;
  final Path dataDir;
  final Path keysDir;
  final String runCommand;
  private Process process;
  private Path outputLog;
  private int starts;

  private RunningSystem() {
    repoRoot = Path.of(System.getProperty("artstore.repo.root")).toAbsolutePath();
    workDir = Path.of(System.getProperty("artstore.it.work-dir")).toAbsolutePath();
    dataDir = workDir.resolve("data");
    keysDir = workDir.resolve("keys");
    runCommand = quickStartBlock(repoRoot.resolve("README.md"), 0);
  }

  /** The system of this test JVM, started on first use and left running for the next test. */
  static synchronized RunningSystem get() {
    if (shared == null) {
      shared = new RunningSystem();
      try {
        deleteRecursively(shared.workDir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      shared.start();
    } else if (!shared.isRunning()) {
      shared.start();
    }
    return shared;
  }

  /**
   * A connection to the system's PostgreSQL (every service's schema), for tests that look inside.
   */
  static java.sql.Connection database() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/artstore", "postgres", "");
  }

  /** Runs one SQL statement against the system's PostgreSQL. */
  static void sql(String statement) throws java.sql.SQLException {
    try (java.sql.Connection c = database();
        java.sql.Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  static String url(String server) {
    return "http://localhost:" + PORTS.get(server);
  }

  /**
   * The n-th fenced shell block after the "Quick start" heading of the README (0: the run command,
   * 1: the test command).
   */
  static String quickStartBlock(Path readme, int index) {
    try {
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      int quickStart = text.indexOf("## Quick start");
      if (quickStart < 0) {
        throw new IllegalStateException("README.md has no '## Quick start' section");
      }
      Matcher blocks =
          Pattern.compile("```(?:sh|bash|shell)\\n(.*?)```", Pattern.DOTALL)
              .matcher(text.substring(quickStart));
      for (int i = 0; blocks.find(); i++) {
        if (i == index) {
          return blocks.group(1).trim();
        }
      }
      throw new IllegalStateException("README.md Quick start has no shell block " + index);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void start() {
    starts++;
    try {
      Files.createDirectories(workDir);
      outputLog = workDir.resolve("run-" + starts + ".log");
      // A process group of its own (setsid) so that SIGINT reaches it as Ctrl-C would; SIGINT
      // reset to its default first, because a shell that starts jobs in the background makes
      // them ignore it, and an ignored SIGINT is inherited.
      ProcessBuilder builder =
          new ProcessBuilder(
                  "setsid",
                  "perl",
                  "-e",
                  "$SIG{INT}='DEFAULT'; exec @ARGV or die \"exec: $!\"",
                  "bash",
                  "-c",
                  runCommand)
              .directory(repoRoot.toFile())
              .redirectErrorStream(true)
              .redirectOutput(outputLog.toFile());
      builder.environment().put("ARTSTORE_DATA_DIR", dataDir.toString());
      builder.environment().put("ARTSTORE_KEYS_DIR", keysDir.toString());
      builder.environment().put("LOG_FORMAT", "json");
      builder.environment().put("ARTSTORE_INITIAL_ACCOUNT_NAME", "it-bootstrap");
      builder.environment().put("ARTSTORE_INITIAL_ACCOUNT_CLIENT_ID", CLIENT_ID);
      builder.environment().put("ARTSTORE_INITIAL_ACCOUNT_CLIENT_SECRET", CLIENT_SECRET);
      builder.environment().put("ARTSTORE_KEYS_GRACE_PERIOD", KEY_GRACE.toSeconds() + "s");
      // The tests poll hard with this account; rate limits are tested with accounts of their own.
      builder.environment().put("ARTSTORE_INITIAL_ACCOUNT_RATE_LIMIT", "1000000");
      builder.environment().put("ARTSTORE_INITIAL_ADMIN_USERNAME", ADMIN_USERNAME);
      builder.environment().put("ARTSTORE_INITIAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
      // Short enough for the lockout test to watch it end.
      builder.environment().put("ARTSTORE_LOGIN_LOCK_DURATION", "6s");
      // Short enough for GcIT to watch a deleted file outlive the grace and then go.
      builder.environment().put("ARTSTORE_GC_DELETED_GRACE", GC_DELETED_GRACE.toSeconds() + "s");
      // The ingester's element breakers close again within the tests' patience.
      builder.environment().put("ARTSTORE_INGESTER_BREAKER_OPEN", "5s");
      // Likewise the query's download breakers (QueryDownloadIT).
      builder.environment().put("ARTSTORE_QUERY_BREAKER_OPEN", "5s");
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (String server : PORTS.keySet()) {
      while (Http.status(url(server) + "/health/ready") != 200) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "The run command exited with " + process.exitValue() + ": " + tail(outputLog));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(server + " not ready in time: " + tail(outputLog));
        }
        sleep(1000);
      }
    }
    // Ready servers are not the end of the start: the run then provisions service accounts and
    // registers its elements, and says so when it is done.
    while (!runOutputMentions("ArtStore is running")) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The run command exited with " + process.exitValue() + ": " + tail(outputLog));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The run did not finish starting: " + tail(outputLog));
      }
      sleep(250);
    }
  }

  /** A fresh access token of the system account, from admin's token endpoint. */
  static String adminToken() {
    var response =
        Http.form(
            url("admin") + "/api/v1/auth/token",
            "grant_type=client_credentials&client_id="
                + CLIENT_ID
                + "&client_secret="
                + CLIENT_SECRET,
            java.util.Map.of());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("No token: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response).getString("access_token");
  }

  /** "Authorization: Bearer …" with a fresh admin token. */
  static java.util.Map<String, String> asAdmin() {
    return java.util.Map.of("Authorization", "Bearer " + adminToken());
  }

  /** Mints tokens with the run's current private key. */
  io.artstore.launcher.testing.TestTokens tokens() {
    try {
      return io.artstore.launcher.testing.TestTokens.fromKeyDirectory(keysDir);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Every process this run consists of now: the command's tree, PostgreSQL and its backends. */
  List<ProcessHandle> processes() {
    List<ProcessHandle> all = new ArrayList<>();
    if (process != null) {
      all.add(process.toHandle());
      process.descendants().forEach(all::add);
    }
    long postmaster = postgresPid();
    if (postmaster > 0) {
      ProcessHandle.of(postmaster)
          .ifPresent(
              pm -> {
                all.add(pm);
                pm.descendants().forEach(all::add);
              });
    }
    return all;
  }

  long postgresPid() {
    try {
      Path pidFile = dataDir.resolve("postgres/postmaster.pid");
      if (!Files.exists(pidFile)) {
        return -1;
      }
      return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  long redisPid() {
    try {
      return Long.parseLong(Files.readString(dataDir.resolve("redis/redis.pid")).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Ctrl-C: SIGINT to the whole process group. */
  void interrupt() {
    signal("-INT", "-" + process.pid());
  }

  static void signal(String signal, String target) {
    try {
      // bash's builtin kill: no dependency on procps being installed.
      Process kill =
          new ProcessBuilder("bash", "-c", "kill " + signal + " -- " + target).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + target + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until none of {@code processes} is alive; returns those still alive at the deadline. */
  static Set<String> awaitGone(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (processes.stream().noneMatch(ProcessHandle::isAlive)) {
        return Set.of();
      }
      sleep(500);
    }
    return processes.stream()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .collect(Collectors.toSet());
  }

  Path serverLog(String server) {
    return dataDir.resolve("liberty").resolve(server).resolve("logs").resolve("messages.log");
  }

  String runOutput() {
    return tail(outputLog);
  }

  private boolean runOutputMentions(String text) {
    try {
      return Files.readString(outputLog, StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Ctrl-C if still running, then kill whatever outlives it: nothing may outlive the tests. */
  static synchronized void stopIfRunning() {
    if (shared == null || !shared.isRunning()) {
      return;
    }
    List<ProcessHandle> started = shared.processes();
    shared.interrupt();
    awaitGone(started, Duration.ofSeconds(120));
    started.forEach(ProcessHandle::destroyForcibly);
  }
}
