package io.artstore.admin.infrastructure;

import io.artstore.shared.api.request.RequestContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls of a storage element's file API on behalf of a caller, whose {@code Authorization} header
 * is passed through (the element applies its own ownership and mode rules). The element's answer
 * comes back whatever its status, for the caller to relay.
 */
@ApplicationScoped
public class ElementFileCalls {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  /** The element's status and body. */
  public record Answer(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  public Answer patch(String apiUrl, String fileId, String json, String ifMatch, String auth)
      throws IOException {
    HttpRequest.Builder request =
        request(apiUrl, fileId, auth)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json));
    if (ifMatch != null && !ifMatch.isBlank()) {
      request.header("If-Match", ifMatch);
    }
    return send(request.build());
  }

  public Answer delete(String apiUrl, String fileId, String auth) throws IOException {
    return send(request(apiUrl, fileId, auth).DELETE().build());
  }

  /** One page of the element's files, every status, oldest pages first by offset. */
  public Answer list(String apiUrl, long offset, int limit, String auth) throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(
                URI.create(
                    apiUrl.replaceAll("/+$", "")
                        + "/api/v1/files?limit="
                        + limit
                        + "&offset="
                        + offset))
            .timeout(TIMEOUT)
            .header("X-Request-Id", RequestContext.currentOrNewId());
    if (auth != null) {
      builder.header("Authorization", auth);
    }
    return send(builder.GET().build());
  }

  public Answer get(String apiUrl, String fileId, String auth) throws IOException {
    return send(request(apiUrl, fileId, auth).GET().build());
  }

  private static HttpRequest.Builder request(String apiUrl, String fileId, String auth) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/api/v1/files/" + fileId))
            .timeout(TIMEOUT)
            .header("X-Request-Id", RequestContext.currentOrNewId());
    if (auth != null) {
      builder.header("Authorization", auth);
    }
    return builder;
  }

  private Answer send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
