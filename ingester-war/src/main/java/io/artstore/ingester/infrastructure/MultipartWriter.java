package io.artstore.ingester.infrastructure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes a multipart/form-data body (RFC 7578) straight to a stream: text fields and one file part
 * whose bytes the caller copies. File names travel as {@code filename*} (RFC 8187, UTF-8) so that
 * every character, quotes and control characters included, reaches the element unchanged; plain
 * printable ASCII names travel as {@code filename} (one form only: part headers are size-limited).
 */
public final class MultipartWriter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] CRLF = {'\r', '\n'};

  private final OutputStream out;
  private final String boundary;

  public MultipartWriter(OutputStream out, String boundary) {
    this.out = out;
    this.boundary = boundary;
  }

  /** A boundary that cannot occur in text fields by chance. */
  public static String newBoundary() {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return "artstore-" + HexFormat.of().formatHex(random);
  }

  public static String contentType(String boundary) {
    return "multipart/form-data; boundary=" + boundary;
  }

  public void field(String name, String value) throws IOException {
    ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n");
    ascii("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
    out.write(value.getBytes(StandardCharsets.UTF_8));
    out.write(CRLF);
  }

  /** Starts the file part; the caller writes its bytes to {@link #body()} and then continues. */
  public void fileHeader(String name, String filename, String contentType) throws IOException {
    StringBuilder header = new StringBuilder();
    header.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"");
    header.append(name).append('"');
    if (filename != null) {
      if (asciiFallback(filename).equals(filename)) {
        header.append("; filename=\"").append(filename).append('"');
      } else {
        header.append("; filename*=UTF-8''").append(percentEncoded(filename));
      }
    }
    header.append("\r\nContent-Type: ");
    header.append(contentType == null ? "application/octet-stream" : headerSafe(contentType));
    header.append("\r\n\r\n");
    ascii(header.toString());
  }

  public OutputStream body() {
    return out;
  }

  /** Ends the part in progress (the file's bytes) before the next field. */
  public void endFile() throws IOException {
    out.write(CRLF);
  }

  public void end() throws IOException {
    ascii("--" + boundary + "--\r\n");
    out.flush();
  }

  private void ascii(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String asciiFallback(String name) {
    StringBuilder b = new StringBuilder(name.length());
    name.codePoints()
        .forEach(c -> b.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : (char) c));
    return b.toString();
  }

  static String percentEncoded(String name) {
    // URLEncoder is form encoding: a space becomes '+', which RFC 8187 does not have.
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }

  private static String headerSafe(String value) {
    return value.replaceAll("[\\r\\n]", " ");
  }
}
