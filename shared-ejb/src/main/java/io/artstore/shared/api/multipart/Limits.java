package io.artstore.shared.api.multipart;

/**
 * Bounds on what a client can make the parser hold or do.
 *
 * @param maxHeaderBytes largest header block of one part, line ends included (padding after a
 *     boundary has the same bound, separately)
 * @param maxParts largest number of parts in one request
 */
public record Limits(int maxHeaderBytes, int maxParts) {
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
  public static final int DEFAULT_MAX_PARTS = 64;

  public Limits {
    if (maxHeaderBytes < 1 || maxParts < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PARTS);
  }

  public Limits withMaxHeaderBytes(int max) {
    return new Limits(max, maxParts);
  }

  public Limits withMaxParts(int max) {
    return new Limits(maxHeaderBytes, max);
  }
}
