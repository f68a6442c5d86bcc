package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/service-accounts} against the running admin, proven through the token endpoint.
 */
@Order(7)
class ServiceAccountsIT {
  private static final String ACCOUNTS = RunningSystem.url("admin") + "/api/v1/service-accounts";
  private static final String TOKEN = RunningSystem.url("admin") + "/api/v1/auth/token";

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  void lifecycleOfAnAccountAsItsClientSeesIt() {
    // Create: the secret is in the answer, once.
    HttpResponse<String> created =
        Http.post(
            ACCOUNTS,
            "{\"name\":\"it reader\",\"role\":\"USER\",\"rate_limit\":50,\"description\":\"IT\"}",
            RunningSystem.asAdmin());
    assertEquals(201, created.statusCode(), created.body());
    assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
    JsonObject account = Http.json(created).getJsonObject("account");
    String id = account.getString("id");
    String clientId = account.getString("client_id");
    String secret = Http.json(created).getString("client_secret");
    assertTrue(clientId.matches("sa_dev_it-reader_[0-9a-f]{8}"), clientId);
    assertTrue(secret.length() >= 43, "≥ 32 random bytes");
    assertTrue(
        created
            .headers()
            .firstValue("Location")
            .orElse("")
            .endsWith("/api/v1/service-accounts/" + id));
    assertEquals("active", account.getString("status"));
    assertEquals(89, account.getInt("days_until_expiry"), 1.0);
    assertFalse(account.getBoolean("expiry_warning"));

    // Read: never the secret.
    HttpResponse<String> read = Http.get(ACCOUNTS + "/" + id, RunningSystem.asAdmin());
    assertEquals(200, read.statusCode());
    assertFalse(
        read.body().contains(secret)
            || read.body().contains("secret_hash")
            || read.body().contains("client_secret"));

    // Its token carries its role: USER may read status, not manage elements.
    String token = token(clientId, secret);
    assertEquals(
        200,
        Http.get(RunningSystem.url("query") + "/api/v1/status", AuthIT.bearer(token)).statusCode());
    assertEquals(
        403,
        Http.post(
                RunningSystem.url("admin") + "/api/v1/storage-elements/discover",
                "{}",
                AuthIT.bearer(token))
            .statusCode());
    assertEquals(
        403, Http.get(ACCOUNTS, AuthIT.bearer(token)).statusCode(), "USER cannot manage accounts");

    // Rotate: the old secret stops working at once, the new one works.
    HttpResponse<String> rotated =
        Http.post(ACCOUNTS + "/" + id + "/rotate-secret", "{}", RunningSystem.asAdmin());
    assertEquals(200, rotated.statusCode(), rotated.body());
    String newSecret = Http.json(rotated).getString("client_secret");
    assertEquals(401, tokenResponse(clientId, secret).statusCode());
    token(clientId, newSecret);

    // Suspend, then reactivate.
    assertEquals(
        200,
        Http.method(
                "PATCH", ACCOUNTS + "/" + id, "{\"status\":\"suspended\"}", RunningSystem.asAdmin())
            .statusCode());
    assertTrue(tokenResponse(clientId, newSecret).body().contains("suspended"));
    HttpResponse<String> reactivated =
        Http.method(
            "PATCH",
            ACCOUNTS + "/" + id,
            "{\"status\":\"active\",\"role\":\"AUDITOR\"}",
            RunningSystem.asAdmin());
    assertEquals("AUDITOR", Http.json(reactivated).getString("role"));
    assertEquals("it reader", Http.json(reactivated).getString("name"), "unchanged fields stay");
    token(clientId, newSecret);

    // Delete (soft): no token any more, still readable as deleted, gone from the default list.
    assertEquals(
        204,
        Http.method("DELETE", ACCOUNTS + "/" + id, null, RunningSystem.asAdmin()).statusCode());
    assertTrue(tokenResponse(clientId, newSecret).body().contains("deleted"));
    assertEquals(
        "deleted",
        Http.json(Http.get(ACCOUNTS + "/" + id, RunningSystem.asAdmin())).getString("status"));
    assertFalse(clientIds(ACCOUNTS).contains(clientId));
    assertTrue(clientIds(ACCOUNTS + "?status=deleted").contains(clientId));
    assertEquals(
        404,
        Http.method("DELETE", ACCOUNTS + "/" + id, null, RunningSystem.asAdmin()).statusCode());
  }

  @Test
  void theSystemAccountCannotBeDeletedDemotedOrSuspended() {
    String id =
        Http.json(
                Http.get(ACCOUNTS + "?search=" + RunningSystem.CLIENT_ID, RunningSystem.asAdmin()))
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    assertProblem(
        Http.method("DELETE", ACCOUNTS + "/" + id, null, RunningSystem.asAdmin()), 409, "CONFLICT");
    assertProblem(
        Http.method("PATCH", ACCOUNTS + "/" + id, "{\"role\":\"USER\"}", RunningSystem.asAdmin()),
        409,
        "CONFLICT");
    assertProblem(
        Http.method(
            "PATCH", ACCOUNTS + "/" + id, "{\"status\":\"suspended\"}", RunningSystem.asAdmin()),
        409,
        "CONFLICT");
    JsonObject system = Http.json(Http.get(ACCOUNTS + "/" + id, RunningSystem.asAdmin()));
    assertTrue(system.getBoolean("is_system"));
    assertEquals("active", system.getString("status"));
  }

  @Test
  void listFiltersAndPages() {
    for (int i = 0; i < 3; i++) {
      assertEquals(
          201,
          Http.post(
                  ACCOUNTS,
                  "{\"name\":\"it-page-" + i + "\",\"role\":\"READONLY\"}",
                  RunningSystem.asAdmin())
              .statusCode());
    }
    JsonObject page =
        Http.json(Http.get(ACCOUNTS + "?search=it-page&limit=2", RunningSystem.asAdmin()));
    assertEquals(3, page.getInt("total"));
    assertEquals(2, page.getJsonArray("items").size());
    assertTrue(page.getBoolean("has_more"));
    JsonObject rest =
        Http.json(Http.get(ACCOUNTS + "?search=it-page&limit=2&offset=2", RunningSystem.asAdmin()));
    assertEquals(1, rest.getJsonArray("items").size());
    assertFalse(rest.getBoolean("has_more"));
    assertTrue(clientIds(ACCOUNTS + "?role=READONLY").size() >= 3);
    assertTrue(clientIds(ACCOUNTS + "?role=READONLY&status=suspended").isEmpty());
    assertTrue(
        clientIds(ACCOUNTS + "?status=expired").contains("sa_it_expired_1"), "derived status");
    assertProblem(
        Http.get(ACCOUNTS + "?role=GOD", RunningSystem.asAdmin()), 400, "VALIDATION_ERROR");
    assertProblem(
        Http.get(ACCOUNTS + "?limit=0", RunningSystem.asAdmin()), 400, "VALIDATION_ERROR");
  }

  @Test
  void invalidRequestsNameTheirFields() {
    HttpResponse<String> response =
        Http.post(
            ACCOUNTS,
            "{\"name\":\"../etc\",\"role\":\"ROOT\",\"rate_limit\":0}",
            RunningSystem.asAdmin());
    assertProblem(response, 400, "VALIDATION_ERROR");
    Set<String> fields =
        Http.json(response).getJsonArray("errors").getValuesAs(JsonObject.class).stream()
            .map(e -> e.getString("field"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("name", "role", "rate_limit"), fields);
    assertProblem(Http.post(ACCOUNTS, "{}", RunningSystem.asAdmin()), 400, "VALIDATION_ERROR");
    assertProblem(Http.post(ACCOUNTS, "{\"name\":", RunningSystem.asAdmin()), 400, "BAD_REQUEST");
    assertProblem(Http.get(ACCOUNTS + "/not-a-uuid", RunningSystem.asAdmin()), 404, "NOT_FOUND");
    assertProblem(
        Http.get(ACCOUNTS + "/00000000-0000-0000-0000-000000000000", RunningSystem.asAdmin()),
        404,
        "NOT_FOUND");
  }

  private static Set<String> clientIds(String url) {
    return Http.json(Http.get(url, RunningSystem.asAdmin()))
        .getJsonArray("items")
        .getValuesAs(JsonObject.class)
        .stream()
        .map(a -> a.getString("client_id"))
        .collect(Collectors.toSet());
  }

  private static HttpResponse<String> tokenResponse(String clientId, String secret) {
    return Http.post(
        TOKEN,
        "{\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}",
        Map.of());
  }

  private static String token(String clientId, String secret) {
    HttpResponse<String> response = tokenResponse(clientId, secret);
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response).getString("access_token");
  }
}
