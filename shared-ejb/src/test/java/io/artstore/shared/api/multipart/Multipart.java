package io.artstore.shared.api.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Test helpers: building bodies, reading them back, awkward input streams. */
final class Multipart {
  static final String BOUNDARY = "----ArtStoreBoundary7MA4YWxkTrZu0gW";
  static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

  private Multipart() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Builds a body; the close delimiter ends it, without a line end, unless an epilogue follows. */
  static final class Builder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final String boundary;
    private boolean first = true;

    Builder() {
      this(BOUNDARY);
    }

    Builder(String boundary) {
      this.boundary = boundary;
    }

    Builder raw(String s) {
      out.writeBytes(ascii(s));
      return this;
    }

    Builder part(String headers, byte[] content) {
      out.writeBytes(ascii((first ? "" : "\r\n") + "--" + boundary + "\r\n" + headers + "\r\n"));
      out.writeBytes(content);
      first = false;
      return this;
    }

    Builder field(String name, String value) {
      return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", ascii(value));
    }

    Builder file(String name, String filename, String type, byte[] content) {
      return part(
          "Content-Disposition: form-data; name=\""
              + name
              + "\"; filename=\""
              + filename
              + "\"\r\nContent-Type: "
              + type
              + "\r\n",
          content);
    }

    Builder close() {
      out.writeBytes(ascii((first ? "" : "\r\n") + "--" + boundary + "--"));
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  record Read(
      String name, Optional<String> filename, Optional<String> contentType, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  static List<Read> readAll(String contentType, InputStream in) throws IOException {
    return readAll(contentType, in, Limits.defaults());
  }

  static List<Read> readAll(String contentType, InputStream in, Limits limits) throws IOException {
    MultipartReader reader = MultipartReader.of(contentType, in, limits);
    List<Read> parts = new ArrayList<>();
    for (Part p; (p = reader.next()) != null; ) {
      parts.add(new Read(p.name(), p.filename(), p.contentType(), p.body().readAllBytes()));
    }
    assertNull(reader.next());
    return parts;
  }

  static List<Read> readAll(byte[] body) throws IOException {
    return readAll(CONTENT_TYPE, new ByteArrayInputStream(body));
  }

  private static void assertNull(Part p) {
    if (p != null) {
      throw new AssertionError("next() after the end returned a part");
    }
  }

  /** Returns 1..maxChunk bytes per read, sizes drawn from a seeded random. */
  static final class Chunked extends InputStream {
    private final byte[] data;
    private final Random random;
    private final int maxChunk;
    private int pos;

    Chunked(byte[] data, long seed, int maxChunk) {
      this.data = data;
      this.random = new Random(seed);
      this.maxChunk = maxChunk;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** Returns the first {@code split} bytes in one read, then the rest. */
  static final class SplitAt extends InputStream {
    private final byte[] data;
    private final int split;
    private int pos;

    SplitAt(byte[] data, int split) {
      this.data = data;
      this.split = split;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int end = pos < split ? split : data.length;
      int n = Math.min(len, end - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
