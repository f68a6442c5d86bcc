package io.artstore.launcher;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server: the binary shipped by the embedded-redis artifact (or the one named by
 * {@code ARTSTORE_REDIS_SERVER}), run as a child process with its data (append-only file) in the
 * run's data directory so it persists between runs. Loopback only.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private EmbeddedRedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public static EmbeddedRedisServer start(Path dataDirectory, int port, Path logFile)
      throws IOException, InterruptedException {
    Files.createDirectories(dataDirectory);
    Files.createDirectories(logFile.getParent());
    List<String> command = new ArrayList<>();
    command.add(executable().getAbsolutePath());
    command.addAll(
        List.of(
            "--port", Integer.toString(port),
            "--bind", "127.0.0.1",
            "--dir", dataDirectory.toAbsolutePath().toString(),
            "--appendonly", "yes",
            "--pidfile", dataDirectory.resolve("redis.pid").toAbsolutePath().toString(),
            "--daemonize", "no",
            "--protected-mode", "yes"));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
            .start();
    EmbeddedRedisServer server = new EmbeddedRedisServer(process, port);
    server.awaitListening(logFile);
    return server;
  }

  private static File executable() throws IOException {
    String override = System.getenv("ARTSTORE_REDIS_SERVER");
    if (override != null && !override.isBlank()) {
      return new File(override);
    }
    return ExecutableProvider.newJarResourceProvider().get();
  }

  private void awaitListening(Path logFile) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "redis-server exited with " + process.exitValue() + "; see " + logFile);
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    close();
    throw new IOException("redis-server did not listen on " + port + " within 20 s");
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.isAlive() ? process.pid() : -1;
  }

  /** SIGTERM: Redis flushes its append-only file and exits. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
