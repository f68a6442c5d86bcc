package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SPEC §8 reliability: {@code kill -9} of an element during concurrent uploads. After the restart
 * every upload that got 201 is listed and byte-exact, nothing partial is visible, no temporary
 * files and no open WAL entries remain, and {@code /info} counts exactly the listed bytes.
 *
 * <p>An upload whose 201 was on the wire when the process died may be complete on the element
 * without the client knowing: such a file must then be whole (its bytes are checked like the
 * others). What must never be visible is a file the element did not finish.
 */
@Order(20)
class StorageCrashIT {
  private static final int UPLOADS = 60;
  private static final int KILL_AFTER = 15;

  @Test
  void killNineDuringConcurrentUploadsLosesNothingAndLeavesNothingHalfDone() throws Exception {
    RunningSystem.get();
    String token = RunningSystem.adminToken();
    try (StandaloneElement element =
        new StandaloneElement("se-crash-1", 8012, "256m", Map.of()).start()) {
      Map<Integer, String> created = new ConcurrentHashMap<>();
      AtomicInteger failed = new AtomicInteger();
      CountDownLatch enoughDone = new CountDownLatch(KILL_AFTER);
      ExecutorService pool = Executors.newFixedThreadPool(UPLOADS);
      for (int i = 0; i < UPLOADS; i++) {
        int seed = i;
        pool.submit(
            () -> {
              try {
                MultipartBody body =
                    new MultipartBody()
                        .field("description", "seed " + seed)
                        .file(
                            "crash-" + seed + ".bin",
                            "application/octet-stream",
                            size(seed),
                            () -> new SlowStream(seed, size(seed), seed % 2 == 0 ? 25 : 80))
                        .end();
                HttpResponse<String> response = StorageApi.upload(element.api(), token, body);
                if (response.statusCode() == 201) {
                  created.put(seed, Http.json(response).getString("file_id"));
                  enoughDone.countDown();
                } else {
                  failed.incrementAndGet();
                }
              } catch (RuntimeException e) {
                failed.incrementAndGet(); // the connection died with the process
              }
            });
      }
      assertTrue(enoughDone.await(3, TimeUnit.MINUTES), "uploads did not progress");
      element.kill9();
      // What the kill interrupted: writes in flight have WAL entries (and temporary files).
      List<String> interrupted = leftovers(element.dataDir);
      assertTrue(
          interrupted.stream().anyMatch(p -> p.startsWith(".wal/")),
          "the kill interrupted no write; the test proved nothing");
      pool.shutdown();
      assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
      Map<Integer, String> acknowledged = new HashMap<>(created);
      assertTrue(
          acknowledged.size() < UPLOADS,
          "every upload finished before the kill; the test proved nothing");

      element.start();

      Map<String, JsonObject> listed = new HashMap<>();
      HttpResponse<String> list =
          Http.get(element.api() + "/files?limit=1000", StorageApi.bearer(token));
      assertEquals(200, list.statusCode(), list.body());
      for (JsonValue item : Http.json(list).getJsonArray("items")) {
        JsonObject file = item.asJsonObject();
        listed.put(file.getString("file_id"), file);
      }
      for (Map.Entry<Integer, String> ack : acknowledged.entrySet()) {
        assertTrue(listed.containsKey(ack.getValue()), "acknowledged upload lost: " + ack);
      }
      long listedBytes = 0;
      for (JsonObject file : listed.values()) {
        int seed = Integer.parseInt(file.getString("description").substring("seed ".length()));
        String expected = StorageApi.sha256(new SlowStream(seed, size(seed), 0));
        assertEquals(size(seed), file.getJsonNumber("size_bytes").longValue(), "seed " + seed);
        assertEquals(expected, file.getJsonObject("checksum").getString("value"), "seed " + seed);
        assertEquals(
            expected,
            StorageApi.downloadSha256(element.api(), token, file.getString("file_id")),
            "bytes of seed " + seed);
        listedBytes += file.getJsonNumber("size_bytes").longValue();
      }

      assertEquals(List.of(), leftovers(element.dataDir), "temporary files or WAL entries remain");
      JsonObject info = Http.json(Http.get(element.url() + "/api/v1/info"));
      assertEquals(
          listedBytes, info.getJsonObject("capacity").getJsonNumber("used_bytes").longValue());
      assertEquals(listed.size(), info.getJsonNumber("file_count").longValue());
      JsonObject consistency =
          Http.json(Http.get(element.api() + "/cache/consistency", StorageApi.bearer(token)));
      assertTrue(consistency.getBoolean("consistent"), consistency.toString());
      assertEquals(
          0,
          metric(element.url(), "artstore_se_wal_pending_entries"),
          "WAL pending gauge after recovery");
      System.out.printf(
          "crash test: %d uploads, %d acknowledged before kill -9, %d failed, %d WAL entries and"
              + " temporary files at the kill, %d visible after restart%n",
          UPLOADS, acknowledged.size(), failed.get(), interrupted.size(), listed.size());
    }
  }

  /** Anything under the data root that an interrupted write could leave. */
  static List<String> leftovers(Path dataDir) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files
          .filter(Files::isRegularFile)
          .map(p -> dataDir.relativize(p).toString())
          .filter(p -> p.contains(".tmp-") || p.startsWith(".wal/"))
          .forEach(found::add);
    }
    return found;
  }

  static double metric(String url, String name) {
    for (String line : Http.get(url + "/metrics").body().split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + name);
  }

  static long size(int seed) {
    return 512 * 1024 + new Random(seed * 31L).nextInt(5 * 1024 * 1024);
  }

  /**
   * Deterministic bytes of a seed (generated in fixed 64 KiB blocks, so any read pattern gives the
   * same bytes), optionally trickled so that uploads overlap the kill: half of them slowly enough
   * to be surely in flight when it comes.
   */
  static final class SlowStream extends InputStream {
    private final Random random;
    private final long pauseMillis;
    private final byte[] block = new byte[64 * 1024];
    private int position = block.length;
    private long left;

    /** Pauses {@code pauseMillis} per 64 KiB block (0: as fast as it can). */
    SlowStream(int seed, long size, long pauseMillis) {
      this.random = new Random(seed);
      this.left = size;
      this.pauseMillis = pauseMillis;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      if (position == block.length) {
        random.nextBytes(block);
        position = 0;
        if (pauseMillis > 0) {
          RunningSystem.sleep(pauseMillis);
        }
      }
      int n = (int) Math.min(Math.min(len, left), block.length - position);
      System.arraycopy(block, position, b, off, n);
      position += n;
      left -= n;
      return n;
    }
  }
}
