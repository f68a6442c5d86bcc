package io.artstore.storage.infrastructure.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.Compression;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CodecsTest {

  /** Half text, half noise: compresses, but not to nothing, and crosses many codec blocks. */
  static byte[] content(int size, long seed) {
    Random random = new Random(seed);
    byte[] bytes = new byte[size];
    byte[] text = "the storage element keeps the original bytes; ".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < size; i++) {
      bytes[i] = (i / 4096) % 2 == 0 ? text[i % text.length] : (byte) random.nextInt();
    }
    return bytes;
  }

  static byte[] compress(Compression c, byte[] content, int chunk) throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    try (OutputStream out = Codecs.compressor(c, target)) {
      for (int i = 0; i < content.length; i += chunk) {
        out.write(content, i, Math.min(chunk, content.length - i));
      }
    }
    return target.toByteArray();
  }

  static byte[] decompress(Compression c, byte[] stored) throws IOException {
    try (InputStream in = Codecs.decompressor(c, new ByteArrayInputStream(stored))) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsWhateverTheWriteSizes(Compression c) throws IOException {
    byte[] content = content(1_500_000, 1);
    for (int chunk : new int[] {1, 7, 65_536, 1_500_000}) {
      byte[] data = chunk == 1 ? Arrays.copyOf(content, 20_000) : content;
      byte[] stored = compress(c, data, chunk);
      assertArrayEquals(data, decompress(c, stored), c + " chunk " + chunk);
      if (c != Compression.NONE && chunk > 1) {
        assertTrue(stored.length < data.length, c + " shrinks: " + stored.length);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void anEmptyFileRoundTrips(Compression c) throws IOException {
    byte[] stored = compress(c, new byte[0], 1);
    assertArrayEquals(new byte[0], decompress(c, stored));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void closingTheCompressorLeavesTheTargetOpen(Compression c) throws IOException {
    boolean[] closed = {false};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream target =
        new OutputStream() {
          @Override
          public void write(int b) {
            bytes.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
          }

          @Override
          public void close() {
            closed[0] = true;
          }
        };
    OutputStream out = Codecs.compressor(c, target);
    out.write("abc".getBytes(StandardCharsets.UTF_8));
    out.close();
    assertFalse(closed[0], "the blob store's stream is finished by its owner");
    assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), decompress(c, bytes.toByteArray()));
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void aRangeOfTheOriginalBytesIsDecompressedAndSkipped(Compression c) throws IOException {
    byte[] content = content(2_000_000, 2);
    byte[] stored = compress(c, content, 65_536);
    long[][] ranges = {
      {0, 100},
      {0, -1},
      {1_234_567, 1000},
      {1_999_000, 1000},
      {1_999_999, 1},
      {500_000, -1},
      {2_000_000, -1},
      {2_000_000, 0}
    };
    for (long[] r : ranges) {
      int from = (int) r[0];
      int to = r[1] < 0 ? content.length : from + (int) r[1];
      try (InputStream in =
          Codecs.decompressedRange(c, new ByteArrayInputStream(stored), r[0], r[1])) {
        assertArrayEquals(
            Arrays.copyOfRange(content, from, to), in.readAllBytes(), c + " " + r[0] + "+" + r[1]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void aRangeBeyondTheDataFails(Compression c) throws IOException {
    byte[] stored = compress(c, content(10_000, 3), 4096);
    assertThrows(
        EOFException.class,
        () -> Codecs.decompressedRange(c, new ByteArrayInputStream(stored), 10_001, 1));
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"GZIP", "ZSTD"})
  void theStoredBytesAreTheStandardFormats(Compression c) throws IOException {
    byte[] content = content(300_000, 4);
    byte[] stored = compress(c, content, 65_536);
    if (c == Compression.GZIP) {
      assertEquals((byte) 0x1f, stored[0]);
      assertEquals((byte) 0x8b, stored[1]);
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
        assertArrayEquals(content, in.readAllBytes(), "any gzip reader decodes it");
      }
    } else {
      // RFC 8878 frame magic number 0xFD2FB528, little-endian.
      assertArrayEquals(
          new byte[] {(byte) 0x28, (byte) 0xb5, (byte) 0x2f, (byte) 0xfd},
          Arrays.copyOf(stored, 4));
    }
  }
}
