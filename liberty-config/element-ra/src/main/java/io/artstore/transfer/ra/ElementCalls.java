package io.artstore.transfer.ra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The element's transfer endpoints (SPEC §3.6, DECISIONS D40), as the XAResource calls them. */
final class ElementCalls {
  private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([a-z_]+)\"");

  /** An element's answer: its status and body. */
  record Answer(int status, String body) {
    /** The branch's state in a branch answer, or null. */
    String state() {
      Matcher m = STATE.matcher(body);
      return m.find() ? m.group(1) : null;
    }
  }

  /** No credentials yet, or the element refused them: try again later. */
  static final class Unauthorized extends IOException {
    Unauthorized(String message) {
      super(message);
    }
  }

  private final HttpClient http;
  private final Duration timeout;

  ElementCalls(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  Answer prepare(BranchRequest request, String branch) throws IOException {
    return post(request.baseUrl(), branch, "prepare", request.prepareBody());
  }

  Answer commit(BranchRequest request, String branch) throws IOException {
    return post(request.baseUrl(), branch, "commit", null);
  }

  Answer rollback(BranchRequest request, String branch) throws IOException {
    return post(request.baseUrl(), branch, "rollback", null);
  }

  Answer get(BranchRequest request, String branch) throws IOException {
    return send(
        HttpRequest.newBuilder(URI.create(request.baseUrl() + "/api/v1/transfers/" + branch))
            .GET());
  }

  private Answer post(String baseUrl, String branch, String action, String json)
      throws IOException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/transfers/" + branch + "/" + action));
    if (json == null) {
      builder.POST(HttpRequest.BodyPublishers.noBody());
    } else {
      builder.header("Content-Type", "application/json");
      builder.POST(HttpRequest.BodyPublishers.ofString(json));
    }
    return send(builder);
  }

  private Answer send(HttpRequest.Builder builder) throws IOException {
    String authorization = CoordinatorCredentials.authorization();
    if (authorization == null) {
      throw new Unauthorized("admin has not installed its credentials yet");
    }
    builder.timeout(timeout).header("Authorization", authorization);
    builder.header("Accept", "application/json");
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401) {
        CoordinatorCredentials.refused();
        throw new Unauthorized("the element refused the coordinator's token");
      }
      return new Answer(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
