package io.artstore.ingester.infrastructure;

import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.api.request.RequestIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends one upload to an element as a streamed multipart request: the caller writes the body while
 * it is sent (chunked), on the calling thread, so nothing is buffered beyond a chunk. Failures say
 * how far the request got, because that decides whether the element may have stored the file.
 */
public final class ElementUploadClient {
  private static final int CHUNK = 64 * 1024;
  private static final int MAX_ANSWER = 1024 * 1024;

  /** Writes the multipart body. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(MultipartWriter body) throws IOException;
  }

  /** The element's answer. */
  public record Answer(int status, String body) {}

  /** How far a failed request got. */
  public enum Stage {
    /** No connection: the element received nothing. */
    CONNECT,
    /** The body was cut off: the element cannot have stored the file. */
    SEND,
    /** The whole body went out but no answer came: the element may have stored the file. */
    ANSWER
  }

  /** The element could not be reached or did not answer. */
  public static final class ElementFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final Stage stage;

    ElementFailure(Stage stage, IOException cause) {
      super(stage + ": " + cause, cause);
      this.stage = stage;
    }

    public Stage stage() {
      return stage;
    }
  }

  private final Duration connectTimeout;
  private final Duration answerTimeout;
  private final java.net.http.HttpClient wholeClient;

  public ElementUploadClient(Duration connectTimeout, Duration answerTimeout) {
    this.connectTimeout = connectTimeout;
    this.answerTimeout = answerTimeout;
    this.wholeClient =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
  }

  /**
   * @throws ElementFailure when the element failed (see its stage)
   * @throws RuntimeException whatever the writer throws that is not an {@link IOException} of the
   *     element's connection (e.g. the client's own body turned out to be broken)
   */
  public Answer upload(String elementUrl, String token, BodyWriter writer) throws ElementFailure {
    String boundary = MultipartWriter.newBoundary();
    HttpURLConnection connection;
    OutputStream out;
    try {
      connection =
          (HttpURLConnection)
              URI.create(stripSlash(elementUrl) + "/api/v1/files/upload").toURL().openConnection();
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setChunkedStreamingMode(CHUNK);
      connection.setConnectTimeout((int) connectTimeout.toMillis());
      connection.setReadTimeout((int) answerTimeout.toMillis());
      connection.setRequestProperty("Content-Type", MultipartWriter.contentType(boundary));
      connection.setRequestProperty("Authorization", "Bearer " + token);
      connection.setRequestProperty("Accept", "application/json");
      connection.setRequestProperty(RequestIds.HEADER, RequestContext.currentOrNewId());
      out = connection.getOutputStream();
    } catch (IOException e) {
      throw new ElementFailure(Stage.CONNECT, e);
    }
    try {
      MultipartWriter body = new MultipartWriter(out, boundary);
      writer.write(body);
      body.end();
      out.close();
    } catch (RuntimeException e) {
      // The client's body is broken or a field is refused: the element gets a cut request.
      connection.disconnect();
      throw e;
    } catch (IOException e) {
      // The element may have refused early (its answer is then readable) or gone away.
      Answer early = earlyAnswer(connection);
      if (early != null) {
        return early;
      }
      connection.disconnect();
      throw new ElementFailure(Stage.SEND, e);
    }
    try {
      int status = connection.getResponseCode();
      return new Answer(status, readAnswer(connection, status));
    } catch (IOException e) {
      connection.disconnect();
      throw new ElementFailure(Stage.ANSWER, e);
    }
  }

  /**
   * Sends a body that is whole in memory in one request (small files), with its Content-Length: the
   * element checks its capacity against that length before reading (an early 507 that leaves the
   * next element untouched by a failed attempt) and reads the body without waiting for the client.
   * Any failure after connecting is treated as {@link Stage#ANSWER}: the element may have stored
   * the file.
   */
  public Answer uploadWhole(String elementUrl, String token, byte[] body, String boundary)
      throws ElementFailure {
    java.net.http.HttpRequest request =
        java.net.http.HttpRequest.newBuilder(
                URI.create(stripSlash(elementUrl) + "/api/v1/files/upload"))
            .timeout(answerTimeout)
            .header("Content-Type", MultipartWriter.contentType(boundary))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .header(RequestIds.HEADER, RequestContext.currentOrNewId())
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      java.net.http.HttpResponse<String> response =
          wholeClient.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
      throw new ElementFailure(Stage.CONNECT, e);
    } catch (IOException e) {
      throw new ElementFailure(Stage.ANSWER, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElementFailure(Stage.ANSWER, new IOException("interrupted", e));
    }
  }

  private static Answer earlyAnswer(HttpURLConnection connection) {
    try {
      int status = connection.getResponseCode();
      return status >= 400 ? new Answer(status, readAnswer(connection, status)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String readAnswer(HttpURLConnection connection, int status) throws IOException {
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    if (in == null) {
      return "";
    }
    try (in) {
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (answer.size() + n > MAX_ANSWER) {
          throw new IOException("The element's answer exceeds " + MAX_ANSWER + " bytes");
        }
        answer.write(buffer, 0, n);
      }
      return answer.toString(StandardCharsets.UTF_8);
    }
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * The client's side of the stream failed while it was being forwarded (it disconnected, or its
   * multipart body is broken): not the element's fault. Carries the original exception.
   */
  public static final class ClientBodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClientBodyException(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }
}
