package io.artstore.shared.api.multipart;

import static io.artstore.shared.api.multipart.Multipart.BOUNDARY;
import static io.artstore.shared.api.multipart.Multipart.CONTENT_TYPE;
import static io.artstore.shared.api.multipart.Multipart.ascii;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Large parts flow through the one buffer: nothing here holds more than a block of them. */
class MultipartStreamingTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void threeHundredMegabytePartStreamsThrough() throws Exception {
    long size = 300 * MIB + 12_345; // not a whole number of buffers
    Generated in = new Generated(size, true, true);
    MultipartReader reader = MultipartReader.of(CONTENT_TYPE, in, Limits.defaults());
    Part file = reader.next();
    assertEquals("file", file.name());
    assertEquals("big.bin", file.filename().orElseThrow());
    MessageDigest out = MessageDigest.getInstance("SHA-256");
    byte[] chunk = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = file.body().read(chunk)) >= 0; ) {
      out.update(chunk, 0, n);
      total += n;
    }
    assertEquals(size, total);
    assertEquals("after", reader.next().readString(10));
    assertNull(reader.next());
    assertArrayEquals(in.digest(), out.digest());
  }

  @Test
  void truncatedLargePartIsRefused() throws IOException {
    Generated in = new Generated(20 * MIB, false, false);
    MultipartReader reader = MultipartReader.of(CONTENT_TYPE, in, Limits.defaults());
    Part file = reader.next();
    byte[] chunk = new byte[64 * 1024];
    assertThrows(
        MultipartException.class,
        () -> {
          while (file.body().read(chunk) >= 0) {
            // drain
          }
        });
  }

  @Test
  void throughput() throws IOException {
    long size = 1024 * MIB;
    measure("random content", size, false);
    measure("content dense with \\r\\n-- near-misses", size / 4, true);
  }

  private static void measure(String what, long size, boolean dense) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    long rawStart = System.nanoTime();
    try (InputStream raw = new Generated(size, false, dense, true)) {
      while (raw.read(chunk) >= 0) {
        // the source alone, for comparison
      }
    }
    long rawNanos = System.nanoTime() - rawStart;
    long start = System.nanoTime();
    MultipartReader reader =
        MultipartReader.of(
            CONTENT_TYPE, new Generated(size, false, dense, true), Limits.defaults());
    Part file = reader.next();
    long total = 0;
    for (int n; (n = file.body().read(chunk)) >= 0; ) {
      total += n;
    }
    reader.next();
    assertNull(reader.next());
    long nanos = System.nanoTime() - start;
    assertEquals(size, total);
    System.out.printf(
        Locale.ROOT,
        "multipart throughput, %s: %d MiB in %d ms = %.0f MB/s (source alone: %.0f MB/s)%n",
        what,
        size / MIB,
        nanos / 1_000_000,
        size * 1e3 / nanos,
        size * 1e3 / rawNanos);
  }

  /**
   * A body with one generated file part and a small field after it. The file's bytes are pseudo
   * random, made one 1 MiB block at a time, with near-misses of the delimiter planted in them.
   */
  static final class Generated extends InputStream {
    private static final int BLOCK = (int) MIB;
    private final byte[] prefix =
        ascii(
            "preamble\r\n--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
    private final byte[] suffix;
    private final long size;
    private final boolean dense;
    private final boolean reuseBlock;
    private final MessageDigest digest;
    private final byte[] block = new byte[BLOCK];
    private int blockPos = BLOCK;
    private boolean blockMade;
    private long produced; // content bytes handed out
    private int prefixPos;
    private int suffixPos;
    private long seed = 0x9E3779B97F4A7C15L;

    Generated(long size, boolean complete, boolean dense) {
      this(size, complete, dense, false);
    }

    Generated(long size, boolean complete, boolean dense, boolean reuseBlock) {
      this.size = size;
      this.dense = dense;
      this.reuseBlock = reuseBlock;
      this.suffix =
          complete || reuseBlock
              ? ascii(
                  "\r\n--"
                      + BOUNDARY
                      + "\r\nContent-Disposition: form-data; name=\"after\"\r\n\r\nafter\r\n--"
                      + BOUNDARY
                      + "--\r\n")
              : new byte[0];
      try {
        this.digest = reuseBlock ? null : MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    byte[] digest() {
      return digest.digest();
    }

    private void makeBlock() {
      if (reuseBlock && blockMade) {
        blockPos = 0;
        return;
      }
      ByteBuffer longs = ByteBuffer.wrap(block);
      long x = seed;
      while (longs.remaining() >= 8) {
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        longs.putLong(x);
      }
      seed = x;
      byte[] nearMiss = ascii("\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1));
      int step = dense ? 64 : 4099;
      for (int at = (int) (x >>> 52); at + nearMiss.length < BLOCK; at += step) {
        int length = nearMiss.length - (at & 7);
        System.arraycopy(nearMiss, 0, block, at, length);
        block[at + length] = '!'; // a random byte here could complete the delimiter
      }
      blockPos = 0;
      blockMade = true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (prefixPos < prefix.length) {
        int n = Math.min(len, prefix.length - prefixPos);
        System.arraycopy(prefix, prefixPos, b, off, n);
        prefixPos += n;
        return n;
      }
      if (produced < size) {
        if (blockPos == BLOCK) {
          makeBlock();
        }
        int n = (int) Math.min(Math.min(len, BLOCK - blockPos), size - produced);
        System.arraycopy(block, blockPos, b, off, n);
        if (digest != null) {
          digest.update(block, blockPos, n);
        }
        blockPos += n;
        produced += n;
        return n;
      }
      if (suffixPos < suffix.length) {
        int n = Math.min(len, suffix.length - suffixPos);
        System.arraycopy(suffix, suffixPos, b, off, n);
        suffixPos += n;
        return n;
      }
      return -1;
    }
  }
}
