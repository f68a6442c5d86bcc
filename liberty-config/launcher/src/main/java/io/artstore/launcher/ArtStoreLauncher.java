package io.artstore.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one-command run: embedded PostgreSQL and Redis (unless {@code ARTSTORE_DB_URL} / {@code
 * ARTSTORE_REDIS_URL} name external ones), dev signing keys if absent, then every Liberty server of
 * the user directory; waits until each {@code /health/ready} is UP, prints the URLs, and on SIGINT
 * or SIGTERM stops everything it started, in reverse order.
 */
public final class ArtStoreLauncher {
  private final RunSettings settings;
  private final List<LibertyServer> servers;
  private EmbeddedPostgresServer postgres;
  private EmbeddedRedisServer redis;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean startFailed;

  ArtStoreLauncher(RunSettings settings) {
    this.settings = settings;
    this.servers =
        LibertyServer.discover(
            settings.wlpHome(), settings.userDir(), settings.dataDir().resolve("liberty"));
  }

  public static void main(String[] args) throws Exception {
    RunSettings settings = RunSettings.from(System.getenv(), Path.of("").toAbsolutePath());
    ArtStoreLauncher launcher = new ArtStoreLauncher(settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  launcher.stop();
                  // Everything stopped in order: a clean exit, not "killed by signal" (130/143).
                  Runtime.getRuntime().halt(launcher.startFailed ? 1 : 0);
                },
                "artstore-shutdown"));
    try {
      launcher.start();
    } catch (Exception | Error e) {
      log("Start failed: " + e);
      launcher.startFailed = true;
      System.exit(1);
    }
    // Runs until SIGINT/SIGTERM; the shutdown hook does the stopping.
    launcher.stopped.await();
  }

  void start() throws Exception {
    Files.createDirectories(settings.runDir());
    claimDataDirectory();
    checkPortsFree();

    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("ARTSTORE_DATA_DIR", settings.dataDir().toString());
    env.put("ARTSTORE_KEYS_DIR", settings.keysDir().toString());

    // Liberty's default keystore (and with it the SSL service that MicroProfile JWT needs) exists
    // only with a password; one is generated per data directory and kept there.
    env.put(
        "keystore_password", LibertyKeystorePassword.ensure(settings.dataDir().resolve("liberty")));

    if (DevSigningKeys.ensure(settings.keysDir())) {
      log("Generated development signing keys in " + settings.keysDir());
    }

    if (settings.embeddedDatabase()) {
      long t0 = System.nanoTime();
      postgres =
          EmbeddedPostgresServer.start(
              settings.dataDir().resolve("postgres"), settings.embeddedDbPort(), false);
      log("PostgreSQL (embedded) " + postgres.jdbcUrl() + " ready in " + millis(t0) + " ms");
      env.put("ARTSTORE_DB_URL", postgres.jdbcUrl());
      env.put("ARTSTORE_DB_USER", EmbeddedPostgresServer.USER);
      env.put("ARTSTORE_DB_PASSWORD", "");
    } else {
      log("PostgreSQL (external) " + settings.externalDbUrl());
    }

    if (settings.embeddedRedis()) {
      long t0 = System.nanoTime();
      redis =
          EmbeddedRedisServer.start(
              settings.dataDir().resolve("redis"),
              settings.embeddedRedisPort(),
              settings.logDir().resolve("redis.log"));
      log("Redis (embedded) " + redis.url() + " ready in " + millis(t0) + " ms");
      env.put("ARTSTORE_REDIS_URL", redis.url());
    } else {
      log("Redis (external) configured by ARTSTORE_REDIS_URL");
    }

    long t0 = System.nanoTime();
    for (LibertyServer server : servers) {
      server.start(env);
      log("Starting Liberty server " + server.name() + " on " + server.baseUrl());
    }
    writePidFile();
    awaitAllReady(t0);
    if (servers.stream().anyMatch(s -> s.name().equals("admin"))) {
      ServiceAccountProvisioning provisioning =
          new ServiceAccountProvisioning(
              "http://localhost:"
                  + servers.stream()
                      .filter(s -> s.name().equals("admin"))
                      .findFirst()
                      .orElseThrow()
                      .httpPort(),
              settings.configDir(),
              settings.dataDir());
      try {
        provisioning.provision();
      } catch (IOException e) {
        log("Service accounts of ingester and query not provisioned: " + e.getMessage());
      }
      try {
        provisioning.registerElements(
            servers.stream()
                .filter(s -> s.name().startsWith("storage-"))
                .map(s -> "http://localhost:" + s.httpPort())
                .toList());
      } catch (IOException e) {
        log("Storage elements not registered: " + e.getMessage());
      }
    }
    printSummary();
  }

  /** One run per data directory: a second launcher on the same data would corrupt it. */
  private void claimDataDirectory() throws IOException {
    Path pidFile = settings.runDir().resolve("launcher.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IllegalStateException(
            "Another ArtStore run (pid " + pid + ") uses " + settings.dataDir());
      }
    }
    Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
  }

  private void checkPortsFree() {
    List<Integer> ports = new ArrayList<>();
    servers.forEach(s -> ports.add(s.httpPort()));
    if (settings.embeddedDatabase()) {
      ports.add(settings.embeddedDbPort());
    }
    if (settings.embeddedRedis()) {
      ports.add(settings.embeddedRedisPort());
    }
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        throw new IllegalStateException(
            "Port " + port + " is in use (is another ArtStore running?)", e);
      }
    }
  }

  private void writePidFile() throws IOException {
    StringBuilder pids = new StringBuilder();
    for (LibertyServer server : servers) {
      server
          .processes()
          .forEach(p -> pids.append(server.name()).append(' ').append(p.pid()).append('\n'));
    }
    if (redis != null) {
      pids.append("redis ").append(redis.pid()).append('\n');
    }
    if (postgres != null) {
      pids.append("postgres ").append(postgres.pid()).append('\n');
    }
    Files.writeString(settings.runDir().resolve("processes"), pids, StandardCharsets.UTF_8);
  }

  private void awaitAllReady(long startedNanos) throws Exception {
    ReadinessWaiter waiter = new ReadinessWaiter();
    long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(servers.size());
    try {
      List<Future<Boolean>> ready = new ArrayList<>();
      for (LibertyServer server : servers) {
        ready.add(pool.submit(() -> waiter.awaitReady(server, deadline)));
      }
      List<String> failed = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        if (!ready.get(i).get()) {
          failed.add(servers.get(i).name() + " (see " + servers.get(i).logDirectory() + ")");
        }
      }
      if (!failed.isEmpty()) {
        throw new IllegalStateException("Not ready: " + String.join(", ", failed));
      }
      log("All " + servers.size() + " servers ready in " + millis(startedNanos) + " ms");
    } finally {
      pool.shutdownNow();
    }
  }

  private void printSummary() {
    StringBuilder out =
        new StringBuilder("\nArtStore is running. Data: " + settings.dataDir() + "\n");
    for (LibertyServer server : servers) {
      out.append(
          String.format(
              "  %-14s %s   (health %s/health/ready, API docs %s/openapi/ui)%n",
              server.name(), server.baseUrl(), server.baseUrl(), server.baseUrl()));
    }
    if (postgres != null) {
      out.append("  PostgreSQL     ").append(postgres.jdbcUrl()).append(" (user postgres)\n");
    }
    if (redis != null) {
      out.append("  Redis          ").append(redis.url()).append('\n');
    }
    out.append("  Signing keys   ").append(settings.keysDir()).append('\n');
    Path credentials = settings.dataDir().resolve("admin").resolve("initial-account.properties");
    if (Files.exists(credentials)) {
      out.append("  Credentials    ")
          .append(credentials)
          .append(" (the system service account's client_id and client_secret)\n");
    } else if (System.getenv("ARTSTORE_INITIAL_ACCOUNT_CLIENT_SECRET") != null) {
      out.append("  Credentials    ARTSTORE_INITIAL_ACCOUNT_CLIENT_ID / _CLIENT_SECRET\n");
    }
    Path admin = settings.dataDir().resolve("admin").resolve("initial-admin.properties");
    if (Files.exists(admin)) {
      out.append("  Console login  ")
          .append(admin)
          .append(" (the initial SUPER_ADMIN's username and password)\n");
    }
    out.append("  Server logs    ")
        .append(settings.dataDir().resolve("liberty"))
        .append("/<server>/logs\n");
    out.append("Press Ctrl-C to stop.\n");
    System.out.print(out);
    System.out.flush();
  }

  /** Stops what this run started: Liberty servers (in parallel), then Redis, then PostgreSQL. */
  synchronized void stop() {
    if (stopped.getCount() == 0) {
      return;
    }
    log("Stopping ArtStore");
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, servers.size()));
    servers.forEach(s -> pool.submit(() -> s.stop(60)));
    pool.shutdown();
    try {
      pool.awaitTermination(90, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (redis != null) {
      redis.close();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        log("PostgreSQL stop: " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(settings.runDir().resolve("processes"));
      Path pidFile = settings.runDir().resolve("launcher.pid");
      String self = Long.toString(ProcessHandle.current().pid());
      if (Files.exists(pidFile) && Files.readString(pidFile).trim().equals(self)) {
        Files.delete(pidFile);
      }
    } catch (IOException e) {
      log("Could not clean " + settings.runDir() + ": " + e.getMessage());
    }
    log("ArtStore stopped");
    stopped.countDown();
  }

  private static long millis(long startedNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
  }

  static void log(String message) {
    System.out.println("[artstore] " + message);
    System.out.flush();
  }
}
