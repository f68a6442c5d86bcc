package io.artstore.system;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A multipart/form-data request body built the way curl -F builds one, streamed: the file part's
 * bytes come from a supplier of streams, so a test can send gigabytes without holding them.
 */
final class MultipartBody {
  private final String boundary = "----artstore-it-" + UUID.randomUUID();
  private final List<Supplier<InputStream>> pieces = new ArrayList<>();
  private long length;

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  MultipartBody field(String name, String value) {
    text(
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + name
            + "\"\r\n\r\n"
            + value
            + "\r\n");
    return this;
  }

  MultipartBody file(String filename, String contentType, byte[] content) {
    return file(filename, contentType, content.length, () -> new ByteArrayInputStream(content));
  }

  /** A file part whose {@code length} bytes come from {@code content} (called once per send). */
  MultipartBody file(
      String filename, String contentType, long contentLength, Supplier<InputStream> content) {
    text(
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + filename.replace("\"", "%22")
            + "\"\r\nContent-Type: "
            + contentType
            + "\r\n\r\n");
    pieces.add(content);
    length += contentLength;
    text("\r\n");
    return this;
  }

  /** Raw bytes, for hand-made malformed bodies. */
  MultipartBody raw(String text) {
    text(text);
    return this;
  }

  MultipartBody end() {
    text("--" + boundary + "--\r\n");
    return this;
  }

  long length() {
    return length;
  }

  InputStream stream() {
    List<InputStream> streams = new ArrayList<>();
    for (Supplier<InputStream> piece : pieces) {
      streams.add(piece.get());
    }
    return new SequenceInputStream(Collections.enumeration(streams));
  }

  HttpRequest.BodyPublisher publisher() {
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(this::stream), length);
  }

  /** The same body without a declared length: sent chunked, the element cannot check it first. */
  HttpRequest.BodyPublisher chunkedPublisher() {
    return HttpRequest.BodyPublishers.ofInputStream(this::stream);
  }

  private void text(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    pieces.add(() -> new ByteArrayInputStream(bytes));
    length += bytes.length;
  }
}
