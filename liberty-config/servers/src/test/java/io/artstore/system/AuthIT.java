package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SPEC §2.1 matrix on every protected endpoint of every service: allowed role → 2xx (or the
 * endpoint's own 4xx for a deliberately invalid body, which proves authorization passed), other
 * role → 403, no / garbage / forged / expired token → 401 with the RFC 6750 challenge.
 */
@Order(4)
class AuthIT {
  private static final String[] ALL_ROLES = {"ADMIN", "USER", "AUDITOR", "READONLY", "SUPER_ADMIN"};

  /** Operations anyone may call (SPEC §1), as "server METHOD path". */
  private static final Set<String> PUBLIC =
      Set.of(
          "admin POST /api/v1/auth/token",
          "admin GET /.well-known/oauth-authorization-server",
          "admin POST /api/v1/admin-auth/login",
          "admin POST /api/v1/admin-auth/refresh",
          "storage-edit GET /api/v1/info",
          "storage-rw GET /api/v1/info");

  private static TestTokens tokens;

  @BeforeAll
  static void system() {
    tokens = RunningSystem.get().tokens();
  }

  /** Every operation in each server's own OpenAPI document, called without a token. */
  @Test
  void everyDocumentedOperationButThePublicOnesNeedsAToken() {
    List<String> checked = new ArrayList<>();
    for (String server : RunningSystem.PORTS.keySet()) {
      JsonObject paths =
          Http.json(Http.get(RunningSystem.url(server) + "/openapi?format=JSON"))
              .getJsonObject("paths");
      for (String path : paths.keySet()) {
        for (String method : paths.getJsonObject(path).keySet()) {
          String operation = server + " " + method.toUpperCase() + " " + path;
          if (path.startsWith("/.well-known/jwks.json") || PUBLIC.contains(operation)) {
            continue;
          }
          String url =
              RunningSystem.url(server)
                  + path.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
          // The body in the media type the operation documents, so that content negotiation
          // cannot answer (415) before authentication is even asked.
          JsonObject body =
              paths.getJsonObject(path).getJsonObject(method).getJsonObject("requestBody");
          boolean multipart =
              body != null
                  && body.getJsonObject("content") != null
                  && body.getJsonObject("content").containsKey("multipart/form-data");
          HttpResponse<String> response =
              multipart
                  ? Http.method(
                      method.toUpperCase(),
                      url,
                      "--x--\r\n",
                      Map.of("Content-Type", "multipart/form-data; boundary=x"))
                  : Http.method(
                      method.toUpperCase(), url, method.equals("get") ? null : "{}", Map.of());
          assertEquals(401, response.statusCode(), operation);
          assertChallenge(response);
          checked.add(operation);
        }
      }
    }
    assertTrue(checked.size() >= 5, "protected operations found: " + checked);
  }

  @Test
  void publicEndpointsNeedNoToken() {
    for (String server : RunningSystem.PORTS.keySet()) {
      String base = RunningSystem.url(server);
      for (String path :
          List.of("/health/ready", "/metrics", "/openapi", "/.well-known/jwks.json")) {
        assertEquals(200, Http.get(base + path).statusCode(), server + path);
      }
    }
    assertEquals(200, Http.get(RunningSystem.url("storage-edit") + "/api/v1/info").statusCode());
    assertEquals(
        200,
        Http.get(RunningSystem.url("admin") + "/.well-known/oauth-authorization-server")
            .statusCode());
  }

  @ParameterizedTest
  @CsvSource({"admin", "ingester", "query"})
  void statusIsForEveryKnownRoleAndNoOther(String server) {
    String url = RunningSystem.url(server) + "/api/v1/status";
    for (String role : ALL_ROLES) {
      assertEquals(
          200, Http.get(url, bearer(tokens.serviceAccount("sa_it", role))).statusCode(), role);
    }
    assertEquals(
        403,
        Http.get(url, bearer(tokens.serviceAccount("sa_it", "WIZARD"))).statusCode(),
        "unknown role");
    assertEquals(
        403, Http.get(url, bearer(tokens.serviceAccount("sa_it"))).statusCode(), "no role");
  }

  @Test
  void elementManagementIsForAdminsOnly() {
    String discover = RunningSystem.url("admin") + "/api/v1/storage-elements/discover";
    String transition = RunningSystem.url("storage-edit") + "/api/v1/mode/transition";
    for (String role : ALL_ROLES) {
      Map<String, String> auth = bearer(tokens.serviceAccount("sa_it", role));
      boolean admin = role.equals("ADMIN") || role.equals("SUPER_ADMIN");
      // An empty body: 400 once authorized, so nothing changes whatever the role.
      assertEquals(
          admin ? 400 : 403, Http.post(discover, "{}", auth).statusCode(), "discover " + role);
      assertEquals(
          admin ? 400 : 403, Http.post(transition, "{}", auth).statusCode(), "transition " + role);
    }
  }

  @Test
  void forgedExpiredAndForeignTokensAreRefusedEverywhere() throws Exception {
    TestTokens foreign = TestTokens.foreignKey();
    Map<String, String> badTokens =
        Map.of(
            "garbage", "not.a.token",
            "alg none", tokens.algNone("ADMIN"),
            "HS256 with the public key", tokens.hs256WithPublicKey("ADMIN"),
            "foreign key", foreign.serviceAccount("sa_it", "ADMIN"),
            "wrong issuer", tokens.withIssuer("evil", "ADMIN"),
            "wrong audience", tokens.withAudience("other", "ADMIN"),
            "expired 2 minutes ago", tokens.expired(Duration.ofMinutes(2), "ADMIN"),
            "refresh token", tokens.refreshToken("ADMIN"));
    for (String server : RunningSystem.PORTS.keySet()) {
      String url =
          RunningSystem.url(server)
              + (server.startsWith("storage") ? "/api/v1/mode/transition" : "/api/v1/status");
      for (var bad : badTokens.entrySet()) {
        Map<String, String> auth = bearer(bad.getValue());
        HttpResponse<String> response =
            server.startsWith("storage") ? Http.post(url, "{}", auth) : Http.get(url, auth);
        assertEquals(401, response.statusCode(), server + ": " + bad.getKey());
        assertChallenge(response);
      }
    }
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  static void assertChallenge(HttpResponse<String> response) {
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    assertTrue(
        challenge.startsWith("Bearer") && challenge.contains("error=\"invalid_token\""),
        "challenge: " + challenge);
  }
}
