package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.5: per-principal limits with 429, Retry-After and X-RateLimit-*, shared by all services.
 */
@Order(9)
class RateLimitIT {

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  void anAccountsOwnLimitIsEnforcedAcrossServicesAndOthersAreUnaffected() {
    // An account limited to 10 requests per minute (burst 15).
    HttpResponse<String> created =
        Http.post(
            RunningSystem.url("admin") + "/api/v1/service-accounts",
            "{\"name\":\"it-limited\",\"role\":\"READONLY\",\"rate_limit\":10}",
            RunningSystem.asAdmin());
    assertEquals(201, created.statusCode(), created.body());
    String clientId = Http.json(created).getJsonObject("account").getString("client_id");
    String secret = Http.json(created).getString("client_secret");
    String token =
        Http.json(
                Http.post(
                    RunningSystem.url("admin") + "/api/v1/auth/token",
                    "{\"client_id\":\"" + clientId + "\",\"client_secret\":\"" + secret + "\"}",
                    Map.of()))
            .getString("access_token");
    Map<String, String> auth = AuthIT.bearer(token);

    int ok = 0;
    HttpResponse<String> refused = null;
    long lastRemaining = Long.MAX_VALUE;
    for (int i = 0; i < 30 && refused == null; i++) {
      HttpResponse<String> response = Http.get(RunningSystem.url("query") + "/api/v1/status", auth);
      if (response.statusCode() == 429) {
        refused = response;
      } else {
        assertEquals(200, response.statusCode());
        assertEquals("10", response.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        long remaining =
            Long.parseLong(response.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertTrue(remaining < lastRemaining, "remaining counts down");
        lastRemaining = remaining;
        assertTrue(response.headers().firstValue("X-RateLimit-Reset").isPresent());
        ok++;
      }
    }
    assertTrue(ok >= 14 && ok <= 16, "the burst (15) passes: " + ok);
    assertTrue(refused != null, "then 429");
    assertProblem(refused, 429, "RATE_LIMITED");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 7, "about one interval (6 s): " + retryAfter);

    // The same principal is limited on another service: the counters are shared.
    assertEquals(
        429, Http.get(RunningSystem.url("ingester") + "/api/v1/status", auth).statusCode());
    // Another account is not.
    assertEquals(
        200,
        Http.get(RunningSystem.url("query") + "/api/v1/status", RunningSystem.asAdmin())
            .statusCode());
  }
}
