package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3.4/§8: nothing buffers a whole file. A 2 GiB upload and download through an element whose
 * JVM has a 256 MiB heap (and exits on OutOfMemoryError), with the SHA-256 of both directions
 * computed on the fly on the client side.
 */
@Order(24)
class StorageStreamingIT {
  static final long SIZE = 2L * 1024 * 1024 * 1024;

  @Test
  void twoGibibytesThroughA256MibHeap() throws Exception {
    RunningSystem.get();
    String token = RunningSystem.adminToken();
    try (StandaloneElement element =
        new StandaloneElement("se-big-1", 8016, "256m", Map.of()).start()) {
      assertTrue(
          StorageCrashIT.metric(element.url(), "memory_maxHeap_bytes") <= 256.0 * 1024 * 1024,
          "the element really runs with a 256 MiB heap");
      String expected = StorageApi.sha256(new Pattern(SIZE));

      long started = System.nanoTime();
      MultipartBody body =
          new MultipartBody()
              .field("description", "two gibibytes")
              .file("big.bin", "application/octet-stream", SIZE, () -> new Pattern(SIZE))
              .end();
      HttpResponse<String> created = StorageApi.upload(element.api(), token, body);
      double uploadSeconds = (System.nanoTime() - started) / 1e9;
      assertEquals(201, created.statusCode(), created.body());
      JsonObject file = Http.json(created);
      assertEquals(SIZE, file.getJsonNumber("size_bytes").longValue());
      assertEquals(expected, file.getJsonObject("checksum").getString("value"));

      started = System.nanoTime();
      assertEquals(
          expected, StorageApi.downloadSha256(element.api(), token, file.getString("file_id")));
      double downloadSeconds = (System.nanoTime() - started) / 1e9;
      assertTrue(element.jvm().isPresent(), "the element is still alive");
      System.out.printf(
          "2 GiB through a 256 MiB heap: upload %.1f s (%.0f MiB/s), download %.1f s (%.0f"
              + " MiB/s)%n",
          uploadSeconds, 2048 / uploadSeconds, downloadSeconds, 2048 / downloadSeconds);

      // Free the disk again: delete, then GC's physical removal.
      String id = file.getString("file_id");
      assertEquals(
          204,
          Http.method("DELETE", element.api() + "/files/" + id, null, StorageApi.bearer(token))
              .statusCode());
      assertEquals(
          204,
          Http.method("DELETE", element.api() + "/gc/" + id, null, StorageApi.bearer(token))
              .statusCode());
    }
  }

  /**
   * {@code size} bytes of a fixed pseudo-random 1 MiB block, each block stamped with its index so
   * no two blocks are equal; cheap to produce at disk speed.
   */
  static final class Pattern extends InputStream {
    private static final byte[] BLOCK = new byte[1024 * 1024];

    static {
      new Random(42).nextBytes(BLOCK);
    }

    private final byte[] block = BLOCK.clone();
    private long position;
    private final long size;

    Pattern(long size) {
      this.size = size;
      stamp(0);
    }

    private void stamp(long index) {
      ByteBuffer.wrap(block).putLong(0, index);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int inBlock = (int) (position % block.length);
      if (inBlock == 0) {
        stamp(position / block.length);
      }
      int n = (int) Math.min(Math.min(len, block.length - inBlock), size - position);
      System.arraycopy(block, inBlock, b, off, n);
      position += n;
      return n;
    }
  }
}
