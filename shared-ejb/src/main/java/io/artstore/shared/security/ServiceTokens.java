package io.artstore.shared.security;

import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.api.request.RequestIds;
import io.artstore.shared.config.DynamicConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * This service's own access token (SPEC §2.5): fetched from admin's token endpoint with the
 * service's client credentials ({@code ARTSTORE_SERVICE_ACCOUNT_CLIENT_ID / _CLIENT_SECRET}, both
 * dynamic: a secret rotated on disk is used by the next token request), cached, renewed a minute
 * before it expires, and fetched anew once when a call answers 401.
 */
@ApplicationScoped
public class ServiceTokens {
  private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

  @Inject DynamicConfig config;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private record Cached(String token, Instant expiresAt, String credentials) {}

  private volatile Cached cached;

  /** The credentials are configured (otherwise calls to other services cannot authenticate). */
  public boolean configured() {
    return clientId().isPresent() && clientSecret().isPresent();
  }

  public String adminUrl() {
    String url = config.get("artstore.admin.url", "http://localhost:8000");
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** A valid token, from the cache while it lasts and the credentials are unchanged. */
  public synchronized String token() throws IOException, InterruptedException {
    String credentials = clientId().orElse("") + ":" + clientSecret().orElse("");
    Cached current = cached;
    if (current != null
        && current.credentials().equals(credentials)
        && Instant.now().plus(RENEW_BEFORE).isBefore(current.expiresAt())) {
      return current.token();
    }
    if (!configured()) {
      throw new IOException(
          "No service account configured (ARTSTORE_SERVICE_ACCOUNT_CLIENT_ID / _CLIENT_SECRET)");
    }
    JsonObject body =
        Json.createObjectBuilder()
            .add("client_id", clientId().get())
            .add("client_secret", clientSecret().get())
            .build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(adminUrl() + "/api/v1/auth/token"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(RequestIds.HEADER, RequestContext.currentOrNewId())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      cached = null;
      throw new IOException("Admin refused this service's token: HTTP " + response.statusCode());
    }
    try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
      JsonObject token = reader.readObject();
      cached =
          new Cached(
              token.getString("access_token"),
              Instant.now().plusSeconds(token.getJsonNumber("expires_in").longValue()),
              credentials);
      return cached.token();
    }
  }

  public synchronized void invalidate() {
    cached = null;
  }

  /**
   * Calls another service with this service's token; on 401 (a token of a key now retired, say)
   * fetches a fresh token and calls once more.
   */
  public HttpResponse<String> call(Function<String, HttpRequest> request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.apply(token()), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 401) {
      invalidate();
      response = http.send(request.apply(token()), HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  private Optional<String> clientId() {
    return config.get("artstore.service-account.client-id").filter(s -> !s.isBlank());
  }

  private Optional<String> clientSecret() {
    return config.get("artstore.service-account.client-secret").filter(s -> !s.isBlank());
  }
}
