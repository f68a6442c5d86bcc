package io.artstore.storage.infrastructure.blob;

/** The one rule for what a key may look like, shared by every {@link BlobStore}. */
final class BlobKeys {
  private BlobKeys() {}

  /**
   * Returns {@code key} when it is a relative, '/'-separated path without empty, {@code .} or
   * {@code ..} segments, backslashes or NULs.
   *
   * @throws IllegalArgumentException otherwise
   */
  static String requireSafe(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("empty key");
    }
    if (key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("unsafe key: " + printable(key));
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals("..") || segment.equals(".")) {
        throw new IllegalArgumentException("unsafe key: " + printable(key));
      }
    }
    return key;
  }

  /** Whether a segment of the key starts with a dot: element-private, never listed. */
  static boolean isHidden(String key) {
    return key.startsWith(".") || key.contains("/.");
  }

  private static String printable(String key) {
    return key.replace("\0", "\\0");
  }
}
