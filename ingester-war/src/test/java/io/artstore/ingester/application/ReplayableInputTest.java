package io.artstore.ingester.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.ingester.infrastructure.ElementUploadClient.ClientBodyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplayableInputTest {
  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void aFileWithinTheLimitCanBeSentAgainWhole() throws IOException {
    byte[] content = bytes(200_000);
    ReplayableInput in = new ReplayableInput(new ByteArrayInputStream(content), 256 * 1024);
    assertArrayEquals(content, in.readAllBytes());
    assertTrue(in.rewind());
    assertArrayEquals(content, in.readAllBytes());
    assertEquals(content.length, in.total(), "the client's bytes are read once");
  }

  @Test
  void aFailureWithinTheFirstBytesCanBeReplayedAndTheRestFollows() throws IOException {
    byte[] content = bytes(1_000_000);
    ReplayableInput in = new ReplayableInput(new ByteArrayInputStream(content), 100_000);
    byte[] first = in.readNBytes(60_000);
    assertTrue(in.rewind());
    byte[] again = in.readAllBytes();
    assertArrayEquals(Arrays.copyOf(content, 60_000), first);
    assertArrayEquals(content, again);
    assertFalse(in.rewind(), "more than the limit has gone out");
  }

  @Test
  void readingAheadTellsWhetherTheWholeFileIsHeld() throws IOException {
    byte[] small = bytes(5000);
    ReplayableInput whole = new ReplayableInput(new ByteArrayInputStream(small), 8192);
    assertTrue(whole.readAheadWhole());
    assertArrayEquals(small, whole.readAllBytes(), "read from the start after the look-ahead");
    for (int size : new int[] {8192, 8193, 20_000, 1_000_000}) {
      byte[] big = bytes(size);
      ReplayableInput partial = new ReplayableInput(new ByteArrayInputStream(big), 8192);
      assertFalse(partial.readAheadWhole(), "more than the limit: " + size);
      assertTrue(partial.rewind(), "nothing beyond the limit was read ahead");
      assertArrayEquals(big, partial.readAllBytes(), "no byte lost by reading ahead: " + size);
    }
    ReplayableInput exact = new ReplayableInput(new ByteArrayInputStream(bytes(100)), 100);
    assertFalse(exact.readAheadWhole(), "a file of exactly the limit is streamed");
    assertArrayEquals(bytes(100), exact.readAllBytes());
  }

  @Test
  void memoryStaysBoundedForLargeFiles() throws IOException {
    ReplayableInput in = new ReplayableInput(new EndlessZeros(50L * 1024 * 1024), 64 * 1024);
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer, 0, buffer.length)) >= 0) {
      total += n;
    }
    assertEquals(50L * 1024 * 1024, total);
    assertFalse(in.rewind());
  }

  @Test
  void theClientsFailuresAreNotTheElements() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("client went away");
          }
        };
    ReplayableInput in = new ReplayableInput(broken, 1024);
    assertThrows(ClientBodyException.class, () -> in.read(new byte[10], 0, 10));
  }

  private static final class EndlessZeros extends InputStream {
    private long left;

    EndlessZeros(long size) {
      left = size;
    }

    @Override
    public int read() {
      return left-- > 0 ? 0 : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
