package io.artstore.storage.infrastructure.blob;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.Compression;
import io.artstore.storage.infrastructure.blob.BlobStore.BlobStat;
import io.artstore.storage.infrastructure.blob.BlobStore.DataWrite;
import io.artstore.storage.infrastructure.compress.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The behaviour every {@link BlobStore} shares; each implementation's test extends this. */
abstract class BlobStoreContractTest {
  static final String DATA_KEY = "2026/11/22/02/report_alice_20261122T020000_0001.pdf";
  static final String ATTR_KEY = DATA_KEY + ".attr.json";
  static final long BIG_SIZE = 40L * 1024 * 1024 + 12345; // crosses several 5 MiB parts

  protected BlobStore store;

  /** A store with nothing in it, closed after the test. */
  protected abstract BlobStore newStore() throws Exception;

  /** Whether a data write is visible at its key after finish (S3) or only after publish. */
  protected abstract boolean visibleAfterFinish();

  /** Leaves what a write interrupted by a crash leaves at {@code key}. */
  protected abstract void leaveTemporary(String key) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  void writeData(String key, byte[] content) throws IOException {
    try (DataWrite write = store.createData(key)) {
      write.stream().write(content);
      write.finish();
      write.publish();
    }
  }

  byte[] readAll(String key) throws IOException {
    try (InputStream in = store.open(key, 0, -1)) {
      return in.readAllBytes();
    }
  }

  Map<String, Long> listing() throws IOException {
    Map<String, Long> keys = new TreeMap<>();
    store.walk(stat -> keys.put(stat.key(), stat.size()));
    return keys;
  }

  /** A reproducible byte at a position: no need to keep the content to check it. */
  static byte patternByte(long position) {
    return (byte) (position * 31 + (position >>> 11) + (position >>> 23));
  }

  /** Writes {@code size} pattern bytes in 64 KiB chunks; returns their SHA-256. */
  static String writePattern(OutputStream out, long size) throws IOException {
    MessageDigest digest = sha256();
    byte[] chunk = new byte[64 * 1024];
    long position = 0;
    while (position < size) {
      int n = (int) Math.min(chunk.length, size - position);
      for (int i = 0; i < n; i++) {
        chunk[i] = patternByte(position + i);
      }
      out.write(chunk, 0, n);
      digest.update(chunk, 0, n);
      position += n;
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256Of(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the contract ---------------------------------------------------------------------------

  @Test
  void writtenDataReadsBackIdentical() throws IOException {
    byte[] content = bytes("%PDF-1.7 a small report");
    writeData(DATA_KEY, content);

    assertArrayEquals(content, readAll(DATA_KEY));
    BlobStat stat = store.stat(DATA_KEY).orElseThrow();
    assertEquals(DATA_KEY, stat.key());
    assertEquals(content.length, stat.size());
  }

  @Test
  void bigDataStreamsThroughAndReadsBackIdentical() throws IOException {
    String written;
    try (DataWrite write = store.createData(DATA_KEY)) {
      written = writePattern(write.stream(), BIG_SIZE);
      write.finish();
      write.publish();
    }

    assertEquals(BIG_SIZE, store.stat(DATA_KEY).orElseThrow().size());
    try (InputStream in = store.open(DATA_KEY, 0, -1)) {
      assertEquals(written, sha256Of(in));
    }
  }

  @Test
  void emptyDataIsAnObject() throws IOException {
    writeData(DATA_KEY, new byte[0]);

    assertEquals(0, store.stat(DATA_KEY).orElseThrow().size());
    assertArrayEquals(new byte[0], readAll(DATA_KEY));
  }

  @Test
  void nothingIsVisibleBeforeTheWriteCompletes() throws IOException {
    try (DataWrite write = store.createData(DATA_KEY)) {
      write.stream().write(bytes("not yet"));
      write.stream().flush();
      assertEquals(Optional.empty(), store.stat(DATA_KEY));
      assertEquals(Map.of(), listing());

      write.finish();
      if (!visibleAfterFinish()) {
        assertEquals(Optional.empty(), store.stat(DATA_KEY));
        assertEquals(Map.of(), listing());
      }

      write.publish();
    }
    assertArrayEquals(bytes("not yet"), readAll(DATA_KEY));
    assertEquals(Map.of(DATA_KEY, 7L), listing());
  }

  @Test
  void publishReplacesAnExistingObject() throws IOException {
    writeData(DATA_KEY, bytes("first"));
    writeData(DATA_KEY, bytes("second version"));

    assertArrayEquals(bytes("second version"), readAll(DATA_KEY));
    assertEquals(Map.of(DATA_KEY, 14L), listing());
  }

  @Test
  void abortLeavesNothing() throws IOException {
    DataWrite write = store.createData(DATA_KEY);
    // More than one part on S3: the multipart upload has begun when the abort comes.
    writePattern(write.stream(), 6L * 1024 * 1024);
    write.abort();
    write.abort(); // idempotent

    assertEquals(Optional.empty(), store.stat(DATA_KEY));
    assertEquals(Map.of(), listing());
    assertEquals(0, store.removeTemporaries(), "abort already dropped the temporary object");
  }

  @Test
  void closeWithoutPublishAborts() throws IOException {
    try (DataWrite write = store.createData(DATA_KEY)) {
      write.stream().write(bytes("abandoned"));
    }

    assertEquals(Optional.empty(), store.stat(DATA_KEY));
    assertEquals(Map.of(), listing());
  }

  @Test
  void abortAfterFinishBeforePublishLeavesNothing() throws IOException {
    DataWrite write = store.createData(DATA_KEY);
    write.stream().write(bytes("finished, never published"));
    write.finish();
    write.abort();

    assertEquals(Optional.empty(), store.stat(DATA_KEY));
    assertEquals(Map.of(), listing());
  }

  @Test
  void putSmallReplacesAndReadSmallReturnsIt() throws IOException {
    store.putSmall(ATTR_KEY, bytes("{\"v\":1}"));
    assertArrayEquals(bytes("{\"v\":1}"), store.readSmall(ATTR_KEY, 4096).orElseThrow());

    store.putSmall(ATTR_KEY, bytes("{\"v\":2,\"more\":true}"));
    assertArrayEquals(
        bytes("{\"v\":2,\"more\":true}"), store.readSmall(ATTR_KEY, 4096).orElseThrow());
    assertEquals(Map.of(ATTR_KEY, 19L), listing());
  }

  @Test
  void readSmallOfMissingIsEmpty() throws IOException {
    assertEquals(Optional.empty(), store.readSmall(ATTR_KEY, 4096));
  }

  @Test
  void readSmallRefusesWhatIsTooBig() throws IOException {
    store.putSmall(ATTR_KEY, new byte[100]);

    assertThrows(IOException.class, () -> store.readSmall(ATTR_KEY, 99));
    assertEquals(100, store.readSmall(ATTR_KEY, 100).orElseThrow().length);
  }

  @Test
  void openReadsRanges() throws IOException {
    byte[] content = new byte[1000];
    for (int i = 0; i < content.length; i++) {
      content[i] = patternByte(i);
    }
    writeData(DATA_KEY, content);

    assertRange(content, 0, 10);
    assertRange(content, 500, 100);
    assertRange(content, 990, -1);
    assertRange(content, 0, -1);
    assertRange(content, 400, 600);
    try (InputStream in = store.open(DATA_KEY, 500, 0)) {
      assertEquals(0, in.readAllBytes().length);
    }
  }

  private void assertRange(byte[] content, int offset, int length) throws IOException {
    int end = length < 0 ? content.length : offset + length;
    byte[] expected = java.util.Arrays.copyOfRange(content, offset, end);
    try (InputStream in = store.open(DATA_KEY, offset, length)) {
      assertArrayEquals(expected, in.readAllBytes(), "range " + offset + "+" + length);
    }
  }

  @Test
  void openOfMissingFails() {
    assertThrows(IOException.class, () -> store.open(DATA_KEY, 0, -1).close());
  }

  @Test
  void statOfMissingIsEmpty() throws IOException {
    assertEquals(Optional.empty(), store.stat(DATA_KEY));
  }

  @Test
  void deleteIsIdempotent() throws IOException {
    writeData(DATA_KEY, bytes("x"));
    store.putSmall(ATTR_KEY, bytes("{}"));

    assertTrue(store.delete(DATA_KEY));
    assertEquals(false, store.delete(DATA_KEY));
    assertEquals(Optional.empty(), store.stat(DATA_KEY));
    assertEquals(Map.of(ATTR_KEY, 2L), listing(), "the neighbour stays");
  }

  @Test
  void walkListsDataAndAttrButNotDotKeys() throws IOException {
    writeData(DATA_KEY, bytes("data"));
    store.putSmall(ATTR_KEY, bytes("{\"a\":1}"));
    writeData("2026/11/23/00/other.bin", bytes("other!"));
    store.putSmall(".wal/segment-1", bytes("wal"));
    store.putSmall(".ids/index", bytes("ids"));
    store.putSmall("2026/.hidden/x", bytes("hidden"));
    store.putSmall("2026/11/22/02/.dotfile", bytes("hidden"));

    List<BlobStat> stats = new ArrayList<>();
    store.walk(stats::add);

    Map<String, Long> keys = new TreeMap<>();
    stats.forEach(stat -> keys.put(stat.key(), stat.size()));
    assertEquals(Map.of(DATA_KEY, 4L, ATTR_KEY, 7L, "2026/11/23/00/other.bin", 6L), keys);
    assertEquals(3, stats.size(), "each object once");
    stats.forEach(stat -> assertTrue(stat.lastModified().toEpochMilli() > 0));
  }

  @Test
  void removeTemporariesRemovesWhatACrashLeft() throws Exception {
    writeData("2026/11/22/02/kept.pdf", bytes("kept"));
    leaveTemporary(DATA_KEY);

    assertTrue(store.removeTemporaries() >= 1);
    assertEquals(0, store.removeTemporaries());
    assertEquals(Optional.empty(), store.stat(DATA_KEY));
    assertEquals(Map.of("2026/11/22/02/kept.pdf", 4L), listing());
  }

  @Test
  void stagedDataIsHiddenAndMovesIntoPlace() throws IOException {
    String staged = BlobStore.STAGING_DIR + "/branch_1-x/0001";
    writeData(staged, bytes("staged bytes"));
    assertEquals(Map.of(), listing(), "a staged copy is never walked");

    store.move(staged, DATA_KEY);

    assertEquals("staged bytes", new String(readAll(DATA_KEY), UTF_8));
    assertEquals(Optional.empty(), store.stat(staged));
    assertEquals(Map.of(DATA_KEY, 12L), listing());
    store.move(staged, DATA_KEY); // repeated after it happened: nothing to do
    assertEquals("staged bytes", new String(readAll(DATA_KEY), UTF_8));
    assertThrows(IOException.class, () -> store.move(staged, "2026/11/22/02/nothing.bin"));
  }

  @Test
  void bigStagedDataMovesIntact() throws IOException {
    String staged = BlobStore.STAGING_DIR + "/big/0002";
    String expected;
    try (DataWrite write = store.createData(staged)) {
      expected = writePattern(write.stream(), BIG_SIZE);
      write.finish();
      write.publish();
    }
    store.move(staged, DATA_KEY);
    try (InputStream in = store.open(DATA_KEY, 0, -1)) {
      assertEquals(expected, sha256Of(in));
    }
  }

  @Test
  void removeTemporariesAlsoSweepsTheStagingArea() throws Exception {
    leaveTemporary(BlobStore.STAGING_DIR + "/branch-2/0003");
    assertTrue(store.removeTemporaries() >= 1);
    assertEquals(Optional.empty(), store.stat(BlobStore.STAGING_DIR + "/branch-2/0003"));
  }

  @Test
  void isReachable() {
    assertTrue(store.reachable());
  }

  // ---- compressed data (DECISIONS D35) ----------------------------------------------------------

  /**
   * Compressed on the way in, as an upload does: the compressor is closed (end of the compressed
   * data) before the write is finished and published, and the store's stream stays usable.
   */
  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"GZIP", "ZSTD"})
  void compressedDataRoundTripsAndRangesReadTheOriginalBytes(Compression c) throws Exception {
    // Half noise: the compressed object still spans several 5 MiB S3 parts.
    int size = 24 * 1024 * 1024 + 777;
    byte[] content = new byte[size];
    java.util.Random random = new java.util.Random(c.ordinal());
    for (int i = 0; i < size; i++) {
      content[i] = (i / 8192) % 2 == 0 ? (byte) ('a' + i % 26) : (byte) random.nextInt();
    }
    try (DataWrite write = store.createData(DATA_KEY)) {
      OutputStream out = Codecs.compressor(c, write.stream());
      for (int i = 0; i < size; i += 65_536) {
        out.write(content, i, Math.min(65_536, size - i));
      }
      out.close();
      write.finish();
      write.publish();
    }
    long stored = store.stat(DATA_KEY).orElseThrow().size();
    assertTrue(stored < size, c + " stored " + stored);
    assertTrue(stored > 10L * 1024 * 1024, "several parts: " + stored);

    try (InputStream in = Codecs.decompressor(c, store.open(DATA_KEY, 0, -1))) {
      assertEquals(hex(content), sha256Of(in));
    }
    long[][] ranges = {{0, 10}, {size - 100, 100}, {13_000_001, 65_537}, {size - 1, -1}};
    for (long[] r : ranges) {
      int from = (int) r[0];
      int to = r[1] < 0 ? size : from + (int) r[1];
      try (InputStream in = Codecs.decompressedRange(c, store.open(DATA_KEY, 0, -1), r[0], r[1])) {
        assertArrayEquals(
            java.util.Arrays.copyOfRange(content, from, to), in.readAllBytes(), c + " " + from);
      }
    }
    // The encoded representation's ranges are plain ranges of the stored object.
    byte[] head;
    try (InputStream in = store.open(DATA_KEY, 0, 16)) {
      head = in.readAllBytes();
    }
    byte[] whole;
    try (InputStream in = store.open(DATA_KEY, 0, -1)) {
      whole = in.readNBytes(16);
    }
    assertArrayEquals(whole, head);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }
}
