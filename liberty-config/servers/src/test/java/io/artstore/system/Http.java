package io.artstore.system;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP against the started servers: what a client sees, nothing more. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static HttpResponse<String> get(String url, Map<String, String> headers) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
  }

  static HttpResponse<String> get(String url) {
    return get(url, Map.of());
  }

  static HttpResponse<String> method(String method, String url, String json) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    return send(
        HttpRequest.newBuilder(URI.create(url)).method(method, body),
        json == null ? Map.of() : Map.of("Content-Type", "application/json"));
  }

  static HttpResponse<String> form(String url, String body, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(builder, headers);
  }

  static HttpResponse<String> method(
      String method, String url, String json, Map<String, String> headers) {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    Map<String, String> all = new java.util.HashMap<>(headers);
    if (json != null) {
      all.putIfAbsent("Content-Type", "application/json");
    }
    return send(HttpRequest.newBuilder(URI.create(url)).method(method, body), all);
  }

  static HttpResponse<String> post(String url, String json, Map<String, String> headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(builder, headers);
  }

  private static HttpResponse<String> send(
      HttpRequest.Builder builder, Map<String, String> headers) {
    headers.forEach(builder::setHeader);
    try {
      return CLIENT.send(
          builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status of a GET, or -1 when nothing answers. */
  static int status(String url) {
    try {
      return CLIENT
          .send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static JsonObject json(HttpResponse<String> response) {
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      return reader.readObject();
    }
  }
}
