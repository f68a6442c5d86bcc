package io.artstore.ingester.infrastructure;

import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.api.request.RequestIds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Small JSON calls to admin and the elements (registration, lookups, withdrawals): one shared
 * client, request ids propagated, bounded waits.
 */
final class JsonHttp {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** An answer: status and body. */
  record Answer(int status, String body) {}

  private JsonHttp() {}

  static Answer send(
      String method, String url, String authorization, String jsonBody, Duration timeout)
      throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header(RequestIds.HEADER, RequestContext.currentOrNewId());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (jsonBody != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while calling " + url, e);
    }
  }

  static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
