package io.artstore.ingester.application;

import io.artstore.ingester.infrastructure.ElementUploadClient.ClientBodyException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The client's file bytes, with the first {@code limit} of them kept so that they can be sent again
 * to another element. Memory is bounded by the limit, whatever the file's size. Failures of the
 * client's stream surface as {@link ClientBodyException}, so they are never blamed on an element.
 */
final class ReplayableInput extends InputStream {
  private final InputStream source;
  private final int limit;
  private byte[] kept = new byte[8 * 1024];
  private int keptLength;
  private int position;
  private boolean overflowed;
  private boolean sourceEnded;
  private long total;

  ReplayableInput(InputStream source, int limit) {
    this.source = source;
    this.limit = limit;
  }

  /** Starts over from the first byte; false when more than the limit has been read already. */
  boolean rewind() {
    if (overflowed) {
      return false;
    }
    position = 0;
    return true;
  }

  /**
   * Reads ahead until the client's file ends or the limit is reached; true when the whole file is
   * now held (it can then be sent in one piece). Reading position is unchanged.
   */
  boolean readAheadWhole() throws IOException {
    if (overflowed) {
      return false;
    }
    int resume = position;
    byte[] buffer = new byte[8192];
    // Never past the limit: what is read ahead must stay held, or it would be lost.
    while (!sourceEnded && keptLength < limit) {
      position = keptLength;
      if (read(buffer, 0, Math.min(buffer.length, limit - keptLength)) < 0) {
        break;
      }
    }
    position = resume;
    return sourceEnded;
  }

  /** Bytes read from the client so far. */
  long total() {
    return total;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (position < keptLength) {
      int n = Math.min(len, keptLength - position);
      System.arraycopy(kept, position, b, off, n);
      position += n;
      return n;
    }
    if (sourceEnded) {
      return -1;
    }
    int n;
    try {
      n = source.read(b, off, len);
    } catch (IOException | RuntimeException e) {
      throw new ClientBodyException(e);
    }
    if (n < 0) {
      sourceEnded = true;
      return -1;
    }
    total += n;
    keep(b, off, n);
    return n;
  }

  private void keep(byte[] b, int off, int n) {
    if (overflowed) {
      return;
    }
    if ((long) keptLength + n > limit) {
      overflowed = true;
      kept = null;
      keptLength = 0;
      position = 0;
      return;
    }
    if (keptLength + n > kept.length) {
      kept = Arrays.copyOf(kept, Math.min(limit, Math.max(kept.length * 2, keptLength + n)));
    }
    System.arraycopy(b, off, kept, keptLength, n);
    keptLength += n;
    position = keptLength;
  }
}
