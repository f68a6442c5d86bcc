package io.artstore.shared.api.multipart;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * One part of a multipart/form-data body. Its {@link #body()} is valid until the next call of
 * {@link MultipartReader#next()}; after that, reading it throws an {@code IOException}.
 */
public final class Part {
  private final String name;
  private final String filename;
  private final String contentType;
  private final Map<String, String> headers;
  private final InputStream body;

  Part(
      String name,
      String filename,
      String contentType,
      Map<String, String> headers,
      InputStream body) {
    this.name = name;
    this.filename = filename;
    this.contentType = contentType;
    this.headers = Map.copyOf(headers);
    this.body = body;
  }

  /** The form field name ({@code name} of Content-Disposition); never null, may be empty. */
  public String name() {
    return name;
  }

  /**
   * The client's file name: {@code filename*} (RFC 8187) when present, else {@code filename} as
   * sent (raw UTF-8 decoded). Not sanitised: it may be empty or contain path separators.
   */
  public Optional<String> filename() {
    return Optional.ofNullable(filename);
  }

  /** The part's Content-Type header, as sent. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The part's headers, names lower-cased; a repeated header has its values joined by ", ". */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * This part's bytes, up to (not including) the next delimiter. Throws {@link MultipartException}
   * when the input ends before the delimiter. Closing it does not close the request stream.
   */
  public InputStream body() {
    return body;
  }

  /**
   * The rest of the body as UTF-8 text.
   *
   * @throws MultipartException when it is longer than {@code maxBytes} or not valid UTF-8
   */
  public String readString(int maxBytes) throws java.io.IOException {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes < 0");
    }
    byte[] bytes = body.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
    if (bytes.length > maxBytes || (maxBytes == Integer.MAX_VALUE && body.read() >= 0)) {
      throw new MultipartException(
          "form field \"" + name + "\" is longer than " + maxBytes + " bytes");
    }
    String text = HeaderValues.decodeStrict(bytes, StandardCharsets.UTF_8);
    if (text == null) {
      throw new MultipartException("form field \"" + name + "\" is not valid UTF-8");
    }
    return text;
  }

  @Override
  public String toString() {
    return "Part[name=" + name + ", filename=" + filename + ", contentType=" + contentType + "]";
  }
}
