package io.artstore.query.infrastructure;

import io.artstore.query.application.QuerySettings;
import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.api.request.RequestIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks a storage element for a file's download (its {@code GET|HEAD /api/v1/files/{id}/download})
 * over one shared JDK HTTP client. The answer's body is an open stream that the caller reads and
 * closes: nothing is buffered here (a MicroProfile Rest Client would read the whole entity).
 *
 * <p>The connect timeout ({@code artstore.query.element.connect-timeout}) bounds reaching the
 * element, the answer timeout ({@code artstore.query.element.answer-timeout}) how long it may take
 * until its status and headers arrive; the body then streams as fast as both ends go.
 */
@ApplicationScoped
public class ElementDownloadClient {
  private static final Logger LOG = Logger.getLogger(ElementDownloadClient.class.getName());

  @Inject QuerySettings settings;

  private HttpClient http;
  private Duration answerTimeout;

  /** The element's answer: its status, its headers and its body, open until closed. */
  public record Answer(int status, Map<String, List<String>> headers, InputStream body)
      implements AutoCloseable {
    /** The first value of a header (names case-insensitive), or null. */
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }

    /**
     * Reads a small body (an error's problem+json) up to {@code limit} bytes and closes the stream;
     * whatever is beyond the limit is dropped.
     */
    public byte[] readSmall(int limit) throws IOException {
      try (InputStream in = body) {
        return in.readNBytes(limit);
      }
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "Closing an element's answer failed", e);
      }
    }
  }

  @PostConstruct
  void init() {
    answerTimeout = settings.answerTimeout();
    http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends the download request.
   *
   * @param elementUrl the element's base URL (discovery's {@code api_url})
   * @param head HEAD instead of GET
   * @param headers the caller's headers to forward (Range, conditionals, Accept-Encoding)
   * @param token this service's bearer token
   * @throws IOException the element could not be reached or did not answer in time ({@link
   *     java.net.http.HttpConnectTimeoutException}, {@link java.net.http.HttpTimeoutException},
   *     {@link java.net.ConnectException}, a reset...)
   */
  public Answer download(
      String elementUrl, UUID fileId, boolean head, Map<String, String> headers, String token)
      throws IOException, InterruptedException {
    String base =
        elementUrl.endsWith("/") ? elementUrl.substring(0, elementUrl.length() - 1) : elementUrl;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/files/" + fileId + "/download"))
            .timeout(answerTimeout)
            .header("Authorization", "Bearer " + token)
            .header(RequestIds.HEADER, RequestContext.currentOrNewId());
    headers.forEach(request::header);
    request.method(head ? "HEAD" : "GET", HttpRequest.BodyPublishers.noBody());
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new Answer(response.statusCode(), response.headers().map(), response.body());
  }
}
