package io.artstore.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real S3 API server for the S3-backed element: S3Proxy (in-memory blob store), started as a
 * process of its own. Authorization is off, so the test can read the bucket with plain HTTP GETs;
 * the element still signs its requests like against any S3.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String BUCKET = "artstore-it";

  final int port;
  private final Process process;

  private S3ProxyServer(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static S3ProxyServer start(int port) {
    Path jar = Path.of(System.getProperty("artstore.it.s3proxy-jar"));
    Path dir = RunningSystem.get().workDir.resolve("s3proxy");
    try {
      Files.createDirectories(dir);
      Path conf = dir.resolve("s3proxy.conf");
      Files.writeString(
          conf,
          "s3proxy.endpoint=http://127.0.0.1:"
              + port
              + "\ns3proxy.authorization=none\njclouds.provider=transient-nio2\n"
              + "jclouds.identity=it\njclouds.credential=it\n",
          StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx1g",
                  "-jar",
                  jar.toString(),
                  "--properties",
                  conf.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      S3ProxyServer server = new S3ProxyServer(port, process);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Http.status(server.url() + "/") < 0 || Http.status(server.url() + "/") >= 500) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "S3Proxy did not start: " + RunningSystem.tail(dir.resolve("s3proxy.log")));
        }
        RunningSystem.sleep(200);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** An object's content by plain HTTP (authorization is off), or null when absent. */
  byte[] object(String key) {
    String encoded;
    try {
      encoded =
          new java.net.URI("http", null, "127.0.0.1", port, "/" + BUCKET + "/" + key, null, null)
              .toASCIIString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(key, e);
    }
    java.net.http.HttpResponse<byte[]> response = StorageApi.get(encoded);
    return response.statusCode() == 200 ? response.body() : null;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
