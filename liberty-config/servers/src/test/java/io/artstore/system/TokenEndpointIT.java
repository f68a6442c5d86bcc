package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/auth/token}: RFC 6749 §4.4 / §5 exactly as SPEC §2.2 states them. */
@Order(5)
class TokenEndpointIT {
  private static final String TOKEN = RunningSystem.url("admin") + "/api/v1/auth/token";
  private static final String ID = RunningSystem.CLIENT_ID;
  private static final String SECRET = RunningSystem.CLIENT_SECRET;
  private static final String ACCOUNTS = RunningSystem.url("admin") + "/api/v1/service-accounts";
  private static String[] suspended;
  private static String[] deleted;

  @BeforeAll
  static void system() throws Exception {
    RunningSystem.get();
    // Suspended and deleted through the API; an expired secret by SQL (the API's shortest
    // lifetime is a day, and waiting for it is not a test).
    suspended = createAccount("it-suspended");
    String suspendedId = accountId(suspended[0]);
    Http.method(
        "PATCH",
        ACCOUNTS + "/" + suspendedId,
        "{\"status\":\"suspended\"}",
        RunningSystem.asAdmin());
    deleted = createAccount("it-deleted");
    Http.method("DELETE", ACCOUNTS + "/" + accountId(deleted[0]), null, RunningSystem.asAdmin());
    insertAccount("sa_it_expired_1", "active", Instant.now().minus(Duration.ofMinutes(1)));
  }

  @Test
  void formBodyCredentials() {
    assertIssued(
        Http.form(
            TOKEN,
            "grant_type=client_credentials&client_id=" + ID + "&client_secret=" + enc(SECRET),
            Map.of()));
  }

  @Test
  void basicCredentials() {
    String basic =
        Base64.getEncoder()
            .encodeToString((enc(ID) + ":" + enc(SECRET)).getBytes(StandardCharsets.UTF_8));
    assertIssued(
        Http.form(
            TOKEN, "grant_type=client_credentials", Map.of("Authorization", "Basic " + basic)));
  }

  @Test
  void jsonCredentials() {
    assertIssued(
        Http.post(
            TOKEN,
            "{\"client_id\":\"" + ID + "\",\"client_secret\":\"" + SECRET + "\"}",
            Map.of()));
  }

  @Test
  void theIssuedTokenWorksOnEveryService() {
    String token =
        Http.json(
                Http.post(
                    TOKEN,
                    "{\"client_id\":\"" + ID + "\",\"client_secret\":\"" + SECRET + "\"}",
                    Map.of()))
            .getString("access_token");
    for (String server : new String[] {"admin", "ingester", "query"}) {
      assertEquals(
          200,
          Http.get(RunningSystem.url(server) + "/api/v1/status", AuthIT.bearer(token)).statusCode(),
          server);
    }
    for (String server : new String[] {"storage-edit", "storage-rw"}) {
      assertEquals(
          400,
          Http.post(
                  RunningSystem.url(server) + "/api/v1/mode/transition", "{}", AuthIT.bearer(token))
              .statusCode(),
          server);
    }
  }

  @Test
  void wrongSecretAndUnknownClientAreInvalidClient() {
    assertError(
        Http.form(
            TOKEN,
            "grant_type=client_credentials&client_id=" + ID + "&client_secret=wrong",
            Map.of()),
        401,
        "invalid_client");
    assertError(
        Http.form(
            TOKEN, "grant_type=client_credentials&client_id=sa_nobody&client_secret=x", Map.of()),
        401,
        "invalid_client");
    assertError(
        Http.post(TOKEN, "{\"client_id\":\"" + ID + "\",\"client_secret\":\"nope\"}", Map.of()),
        401,
        "invalid_client");
  }

  @Test
  void suspendedExpiredAndDeletedAccountsSayWhy() {
    assertDescription(login(suspended[0], suspended[1]), "suspended");
    assertDescription(login("sa_it_expired_1", "it-secret"), "expired");
    assertDescription(login(deleted[0], deleted[1]), "deleted");
  }

  @Test
  void grantTypeIsRequiredAndOnlyClientCredentials() {
    assertError(
        Http.form(TOKEN, "client_id=" + ID + "&client_secret=" + enc(SECRET), Map.of()),
        400,
        "invalid_request");
    assertError(
        Http.form(
            TOKEN,
            "grant_type=password&client_id=" + ID + "&client_secret=" + enc(SECRET),
            Map.of()),
        400,
        "unsupported_grant_type");
    assertError(
        Http.post(
            TOKEN,
            "{\"grant_type\":\"authorization_code\",\"client_id\":\""
                + ID
                + "\",\"client_secret\":\"x\"}",
            Map.of()),
        400,
        "unsupported_grant_type");
  }

  @Test
  void malformedRequestsAreInvalidRequest() {
    assertError(Http.post(TOKEN, "{not json", Map.of()), 400, "invalid_request");
    assertError(
        Http.post(TOKEN, "{\"client_id\":5,\"client_secret\":\"x\"}", Map.of()),
        400,
        "invalid_request");
    assertError(
        Http.form(TOKEN, "grant_type=client_credentials", Map.of()), 400, "invalid_request");
    String basic =
        Base64.getEncoder().encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertError(
        Http.form(
            TOKEN,
            "grant_type=client_credentials&client_id=" + ID,
            Map.of("Authorization", "Basic " + basic)),
        400,
        "invalid_request");
  }

  @Test
  void metadataAndKeysArePublished() {
    JsonObject metadata =
        Http.json(Http.get(RunningSystem.url("admin") + "/.well-known/oauth-authorization-server"));
    assertEquals("artstore", metadata.getString("issuer"));
    assertTrue(metadata.getString("token_endpoint").endsWith("/api/v1/auth/token"));
    assertTrue(
        metadata.getJsonArray("grant_types_supported").toString().contains("client_credentials"));
    JsonObject jwks = Http.json(Http.get(RunningSystem.url("admin") + "/.well-known/jwks.json"));
    JsonObject key = jwks.getJsonArray("keys").getJsonObject(0);
    assertEquals("RSA", key.getString("kty"));
    assertEquals("RS256", key.getString("alg"));
    assertEquals(
        RunningSystem.get().tokens().kid(), key.getString("kid"), "kid is the RFC 7638 thumbprint");
  }

  /** Creates an account through the API: {client_id, client_secret}. */
  private static String[] createAccount(String name) {
    JsonObject created =
        Http.json(
            Http.post(
                ACCOUNTS,
                "{\"name\":\"" + name + "\",\"role\":\"USER\"}",
                RunningSystem.asAdmin()));
    return new String[] {
      created.getJsonObject("account").getString("client_id"), created.getString("client_secret")
    };
  }

  private static String accountId(String clientId) {
    return Http.json(Http.get(ACCOUNTS + "?search=" + clientId, RunningSystem.asAdmin()))
        .getJsonArray("items")
        .getJsonObject(0)
        .getString("id");
  }

  private static HttpResponse<String> login(String clientId, String secret) {
    return Http.form(
        TOKEN,
        "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + enc(secret),
        Map.of());
  }

  private static void assertIssued(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    JsonObject body = Http.json(response);
    assertEquals("Bearer", body.getString("token_type"));
    assertEquals(1800, body.getInt("expires_in"));
    assertEquals("ADMIN", body.getString("scope"));
    assertFalse(body.containsKey("refresh_token"), "no refresh token for service accounts");
    String[] parts = body.getString("access_token").split("\\.");
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    assertTrue(header.contains("\"RS256\"") && header.contains("\"kid\""), header);
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    for (String claim :
        new String[] {
          "iss", "aud", "sub", "upn", "groups", "client_id", "type", "jti", "iat", "nbf", "exp"
        }) {
      assertTrue(claims.contains("\"" + claim + "\""), claim + " in " + claims);
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String error) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(error, Http.json(response).getString("error"));
    assertTrue(Http.json(response).containsKey("error_description"));
    if (status == 401) {
      assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent(), "challenge on 401");
    }
  }

  private static void assertDescription(HttpResponse<String> response, String word) {
    assertError(response, 401, "invalid_client");
    assertTrue(Http.json(response).getString("error_description").contains(word), response.body());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void insertAccount(String clientId, String status, Instant expires)
      throws Exception {
    String hash =
        "sha256:"
            + HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest("it-secret".getBytes(StandardCharsets.UTF_8)));
    try (Connection c = RunningSystem.database();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO admin.service_accounts (id, name, client_id, secret_hash, role, status, rate_limit,"
                    + " secret_expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'USER', ?, 100, ?, now(), now())"
                    + " ON CONFLICT (client_id) DO NOTHING")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, clientId);
      s.setString(3, clientId);
      s.setString(4, hash);
      s.setString(5, status);
      s.setTimestamp(6, Timestamp.from(expires));
      s.executeUpdate();
    }
  }
}
