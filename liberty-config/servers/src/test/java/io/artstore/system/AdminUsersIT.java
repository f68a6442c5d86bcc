package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Admin users (SPEC §2.1): login, lockout, refresh, logout, password changes, management. */
@Order(12)
class AdminUsersIT {
  private static final String AUTH = RunningSystem.url("admin") + "/api/v1/admin-auth";
  private static final String USERS = RunningSystem.url("admin") + "/api/v1/admin-users";

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  void theInitialSuperAdminLogsInAndWorksEverywhere() {
    JsonObject session = login(RunningSystem.ADMIN_USERNAME, RunningSystem.ADMIN_PASSWORD);
    Map<String, String> auth = AuthIT.bearer(session.getString("access_token"));
    JsonObject me = Http.json(Http.get(AUTH + "/me", auth));
    assertEquals(RunningSystem.ADMIN_USERNAME, me.getString("username"));
    assertEquals("SUPER_ADMIN", me.getString("role"));
    assertTrue(me.getBoolean("is_system"));
    for (String server : new String[] {"admin", "ingester", "query"}) {
      assertEquals(
          200, Http.get(RunningSystem.url(server) + "/api/v1/status", auth).statusCode(), server);
    }
    // A SUPER_ADMIN manages service accounts too; an ADMIN service account does not manage users.
    assertEquals(
        200, Http.get(RunningSystem.url("admin") + "/api/v1/service-accounts", auth).statusCode());
    assertEquals(403, Http.get(USERS, RunningSystem.asAdmin()).statusCode());
    // Refresh tokens are not access tokens.
    assertEquals(
        401,
        Http.get(
                RunningSystem.url("query") + "/api/v1/status",
                AuthIT.bearer(session.getString("refresh_token")))
            .statusCode());
  }

  @Test
  void fiveWrongPasswordsLockTheAccountUntilTheLockEnds() throws Exception {
    String username = "it-lock";
    String password = create(username, "READONLY");
    for (int i = 1; i <= 5; i++) {
      assertProblem(loginResponse(username, "Wrong-password-" + i), 401, "UNAUTHORIZED");
    }
    HttpResponse<String> locked = loginResponse(username, password);
    assertProblem(locked, 423, "LOCKED");
    assertTrue(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(15),
        () -> loginResponse(username, password).statusCode() == 200,
        "login after the lock ends");
    JsonObject lockouts =
        Http.json(
            Http.get(
                RunningSystem.url("admin")
                    + "/api/v1/audit-events?action=lockout&actor="
                    + username,
                RunningSystem.asAdmin()));
    assertEquals(1, lockouts.getInt("total"));
  }

  @Test
  void refreshTokensWorkOnceAndLogoutEndsThem() {
    String username = "it-refresh";
    String password = create(username, "ADMIN");
    JsonObject first = login(username, password);
    JsonObject second = refresh(first.getString("refresh_token"));
    assertNotNull(second.getString("access_token"));
    assertProblem(refreshResponse(first.getString("refresh_token")), 401, "UNAUTHORIZED");
    assertProblem(refreshResponse(first.getString("access_token")), 401, "UNAUTHORIZED");
    assertProblem(refreshResponse("garbage"), 401, "UNAUTHORIZED");
    HttpResponse<String> logout =
        Http.post(
            AUTH + "/logout",
            "{\"refresh_token\":\"" + second.getString("refresh_token") + "\"}",
            AuthIT.bearer(second.getString("access_token")));
    assertEquals(204, logout.statusCode());
    assertProblem(refreshResponse(second.getString("refresh_token")), 401, "UNAUTHORIZED");
    // An ADMIN user is not an account manager.
    assertEquals(
        403,
        Http.get(
                RunningSystem.url("admin") + "/api/v1/service-accounts",
                AuthIT.bearer(second.getString("access_token")))
            .statusCode());
  }

  @Test
  void passwordChangesFollowThePolicy() {
    String username = "it-change";
    String password = create(username, "READONLY");
    Map<String, String> auth = AuthIT.bearer(login(username, password).getString("access_token"));
    assertProblem(
        Http.post(
            AUTH + "/change-password",
            "{\"current_password\":\"nope\",\"new_password\":\"Another-Good-1\"}",
            auth),
        401,
        "UNAUTHORIZED");
    for (String weak : new String[] {"short-1A", "alllowercaseletters", "NoDigitsOrSymbolsHere"}) {
      HttpResponse<String> refused =
          Http.post(
              AUTH + "/change-password",
              "{\"current_password\":\"" + password + "\",\"new_password\":\"" + weak + "\"}",
              auth);
      assertProblem(refused, 400, "VALIDATION_ERROR");
      assertEquals(
          "new_password",
          Http.json(refused).getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    assertEquals(
        204,
        Http.post(
                AUTH + "/change-password",
                "{\"current_password\":\"" + password + "\",\"new_password\":\"Another-Good-1\"}",
                auth)
            .statusCode());
    assertProblem(loginResponse(username, password), 401, "UNAUTHORIZED");
    login(username, "Another-Good-1");
  }

  @Test
  void superAdminsManageUsersAndTheInitialOneIsProtected() {
    Map<String, String> root =
        AuthIT.bearer(
            login(RunningSystem.ADMIN_USERNAME, RunningSystem.ADMIN_PASSWORD)
                .getString("access_token"));
    String systemId =
        Http.json(Http.get(USERS + "?search=" + RunningSystem.ADMIN_USERNAME, root))
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    assertProblem(Http.method("DELETE", USERS + "/" + systemId, null, root), 409, "CONFLICT");
    assertProblem(
        Http.method("PATCH", USERS + "/" + systemId, "{\"role\":\"READONLY\"}", root),
        409,
        "CONFLICT");
    assertProblem(
        Http.method("PATCH", USERS + "/" + systemId, "{\"status\":\"disabled\"}", root),
        409,
        "CONFLICT");

    String username = "it-managed";
    create(username, "READONLY");
    String id =
        Http.json(Http.get(USERS + "?search=" + username, root))
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    HttpResponse<String> reset = Http.post(USERS + "/" + id + "/reset-password", "{}", root);
    assertEquals(200, reset.statusCode(), reset.body());
    String generated = Http.json(reset).getString("generated_password");
    login(username, generated);
    assertEquals(
        200,
        Http.method("PATCH", USERS + "/" + id, "{\"status\":\"disabled\"}", root).statusCode());
    assertProblem(loginResponse(username, generated), 403, "FORBIDDEN");
    assertEquals(204, Http.method("DELETE", USERS + "/" + id, null, root).statusCode());
    assertProblem(loginResponse(username, generated), 401, "UNAUTHORIZED");
    assertProblem(
        Http.post(USERS, "{\"username\":\"X\",\"role\":\"GOD\",\"password\":\"weak\"}", root),
        400,
        "VALIDATION_ERROR");
    assertProblem(
        Http.post(
            USERS,
            "{\"username\":\"" + RunningSystem.ADMIN_USERNAME + "\",\"role\":\"ADMIN\"}",
            root),
        409,
        "CONFLICT");
  }

  /** Creates a user as the initial SUPER_ADMIN; returns its generated password. */
  private static String create(String username, String role) {
    Map<String, String> root =
        AuthIT.bearer(
            login(RunningSystem.ADMIN_USERNAME, RunningSystem.ADMIN_PASSWORD)
                .getString("access_token"));
    HttpResponse<String> created =
        Http.post(USERS, "{\"username\":\"" + username + "\",\"role\":\"" + role + "\"}", root);
    assertEquals(201, created.statusCode(), created.body());
    return Http.json(created).getString("generated_password");
  }

  private static HttpResponse<String> loginResponse(String username, String password) {
    return Http.post(
        AUTH + "/login",
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
        Map.of());
  }

  private static JsonObject login(String username, String password) {
    HttpResponse<String> response = loginResponse(username, password);
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  private static HttpResponse<String> refreshResponse(String token) {
    return Http.post(AUTH + "/refresh", "{\"refresh_token\":\"" + token + "\"}", Map.of());
  }

  private static JsonObject refresh(String token) {
    HttpResponse<String> response = refreshResponse(token);
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }
}
