package io.artstore.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The storage element on its own (SPEC §8), against the edit element of a running system ({@code
 * ARTSTORE_SE_URL}, default {@code http://localhost:8010}):
 *
 * <ul>
 *   <li>small durable uploads: 4 KiB files, N concurrent clients, each fsynced before its 201;
 *   <li>a large upload and download ({@code ARTSTORE_BENCH_LARGE_MIB}, default 1024 MiB), streamed
 *       from a generator and read to the end (length checked), then deleted and purged;
 *   <li>a full cache rebuild from attr.json (files per second, reported by the element).
 * </ul>
 */
final class ElementBenchmarks {
  private static final String SE =
      System.getenv().getOrDefault("ARTSTORE_SE_URL", "http://localhost:8010");
  private static final String BOUNDARY = "----artstore-bench";

  private ElementBenchmarks() {}

  static void run(String token, int clients, int seconds) throws Exception {
    smallUploads(SE, "element", token, clients, seconds);
    large(SE, "element", token, largeMib());
    rebuild(token);
  }

  static long largeMib() {
    return Long.parseLong(System.getenv().getOrDefault("ARTSTORE_BENCH_LARGE_MIB", "1024"));
  }

  /**
   * 4 KiB uploads to {@code base}'s {@code /api/v1/files/upload} (an element, or the ingester,
   * which adds the element choice, the forward and the registration).
   */
  static void smallUploads(String base, String label, String token, int clients, int seconds)
      throws Exception {
    byte[] content = new byte[4096];
    new Random(1).nextBytes(content);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"small.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/files/upload"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    Benchmarks.run("warm-up", request, clients, 5);
    Benchmarks.Result result = Benchmarks.run("small uploads", request, clients, seconds);
    System.out.printf(
        "%s small uploads (4 KiB, fsync before 201): %d clients, %d s: %.0f uploads/s, p50"
            + " %.2f ms, p99 %.2f ms, errors %d%n",
        label,
        clients,
        seconds,
        result.perSecond(),
        result.percentile(50),
        result.percentile(99),
        result.errors());
  }

  /**
   * A large upload to {@code base} and its download from the element that stored it; then the file
   * is deleted and purged on that element.
   */
  static void large(String base, String label, String token, long mib) throws Exception {
    long size = mib * 1024 * 1024;
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"large.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + BOUNDARY + "--\r\n";
    long length =
        head.getBytes(StandardCharsets.UTF_8).length
            + size
            + tail.getBytes(StandardCharsets.UTF_8).length;
    HttpRequest upload =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/files/upload"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new SequenceInputStream(
                                Collections.enumeration(
                                    List.of(
                                        new java.io.ByteArrayInputStream(
                                            head.getBytes(StandardCharsets.UTF_8)),
                                        new Blocks(size),
                                        new java.io.ByteArrayInputStream(
                                            tail.getBytes(StandardCharsets.UTF_8)))))),
                    length))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<String> created =
        Benchmarks.http().send(upload, HttpResponse.BodyHandlers.ofString());
    double up = (System.nanoTime() - t0) / 1e9;
    if (created.statusCode() != 201) {
      throw new IllegalStateException("upload: " + created.statusCode() + " " + created.body());
    }
    Matcher m = Pattern.compile("\"file_id\":\"([^\"]+)\"").matcher(created.body());
    m.find();
    // Through the ingester too, a temporary file lands on the system's edit element (SE).
    String id = m.group(1);
    Matcher stored = Pattern.compile("\"size_bytes\":(\\d+)").matcher(created.body());
    if (!stored.find() || Long.parseLong(stored.group(1)) != size) {
      throw new IllegalStateException("stored size differs from " + size + ": " + created.body());
    }
    HttpRequest download =
        HttpRequest.newBuilder(URI.create(SE + "/api/v1/files/" + id + "/download"))
            .header("Authorization", "Bearer " + token)
            .build();
    t0 = System.nanoTime();
    HttpResponse<InputStream> response =
        Benchmarks.http().send(download, HttpResponse.BodyHandlers.ofInputStream());
    long received = 0;
    try (InputStream in = response.body()) {
      byte[] buffer = new byte[1024 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        received += n;
      }
    }
    double down = (System.nanoTime() - t0) / 1e9;
    if (received != size) {
      throw new IllegalStateException("download returned " + received + " of " + size + " bytes");
    }
    System.out.printf(
        "%s large file %d MiB: upload %.1f s = %.0f MiB/s (SHA-256 + fsync on the element);"
            + " download from the element %.1f s = %.0f MiB/s (%d bytes)%n",
        label, mib, up, mib / up, down, mib / down, received);
    // Deleted where it was uploaded (the ingester updates the registry too), purged on the element.
    for (String url : List.of(base + "/api/v1/files/" + id, SE + "/api/v1/gc/" + id)) {
      Benchmarks.http()
          .send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + token)
                  .method("DELETE", HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
    }
  }

  static void rebuild(String token) throws Exception {
    HttpResponse<String> response =
        Benchmarks.http()
            .send(
                HttpRequest.newBuilder(URI.create(SE + "/api/v1/cache/rebuild"))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    System.out.println("element cache rebuild: " + response.statusCode() + " " + response.body());
  }

  /** {@code size} bytes of a fixed random 1 MiB block, produced at memory speed. */
  static final class Blocks extends InputStream {
    private static final byte[] BLOCK = new byte[1024 * 1024];

    static {
      new Random(7).nextBytes(BLOCK);
    }

    private long left;

    Blocks(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return BLOCK[(int) (left % BLOCK.length)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int position = (int) ((BLOCK.length - left % BLOCK.length) % BLOCK.length);
      int n = (int) Math.min(Math.min(len, left), BLOCK.length - position);
      System.arraycopy(BLOCK, position, b, off, n);
      left -= n;
      return n;
    }
  }
}
