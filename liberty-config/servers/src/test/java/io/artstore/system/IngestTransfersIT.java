package io.artstore.system;

import static io.artstore.system.IngestIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Transfers and finalize through the ingester (SPEC §5.4: "the ingester's endpoints delegate to"
 * admin's coordinator) against the running system: the ingester's own role checks, and admin's
 * answers — validation, not found, forbidden, conflict, a transfer's Location and progress —
 * relayed through it. A transfer that moves a file is not tested here (it needs elements of its
 * own).
 */
@Order(19)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestTransfersIT {
  static final String INGESTER = RunningSystem.url("ingester") + "/api/v1";
  static final String ADMIN = RunningSystem.url("admin") + "/api/v1";
  static final String TRANSFERS = INGESTER + "/transfers";

  private static TestTokens tokens;
  private static String alice;
  private static String bob;
  private static String admin;

  @BeforeAll
  static void system() {
    tokens = RunningSystem.get().tokens();
    alice = tokens.principal("it-tx-alice", "tx-alice", "service_account", "USER");
    bob = tokens.principal("it-tx-bob", "tx-bob", "service_account", "USER");
    admin = RunningSystem.adminToken();
  }

  @Test
  @Order(1)
  void everyTransferEndpointNeedsAValidToken() throws Exception {
    String id = UUID.randomUUID().toString();
    TestTokens foreign = TestTokens.foreignKey();
    List<Map<String, String>> noGood =
        List.of(
            Map.of(),
            bearer("not.a.token"),
            bearer(foreign.serviceAccount("sa_it", "ADMIN")),
            bearer(tokens.expired(Duration.ofMinutes(10), "ADMIN")));
    for (Map<String, String> auth : noGood) {
      String which = auth.isEmpty() ? "no token" : auth.get("Authorization");
      for (HttpResponse<String> response :
          List.of(
              startTransfer(validRequest(), auth),
              Http.get(TRANSFERS + "/" + id, auth),
              finalizeFile(id, null, auth))) {
        assertEquals(401, response.statusCode(), which + " " + response.request().uri());
        AuthIT.assertChallenge(response);
      }
    }
  }

  @Test
  @Order(2)
  void onlyAdminsStartTransfersAndTheIngesterSaysSoItself() {
    for (String role : new String[] {"USER", "AUDITOR", "READONLY"}) {
      assertProblem(
          startTransfer(validRequest(), bearer(tokens.serviceAccount("sa_it", role))),
          403,
          "FORBIDDEN");
    }
    for (String role : new String[] {"AUDITOR", "READONLY"}) {
      assertProblem(
          finalizeFile(
              UUID.randomUUID().toString(), null, bearer(tokens.serviceAccount("sa_it", role))),
          403,
          "FORBIDDEN");
    }
    assertProblem(
        Http.get(
            TRANSFERS + "/" + UUID.randomUUID(),
            bearer(tokens.serviceAccount("sa_it", "READONLY"))),
        403,
        "FORBIDDEN");
    // Past the ingester's check, admin judges the (empty) request: its 400 comes back.
    for (String role : new String[] {"ADMIN", "SUPER_ADMIN"}) {
      assertProblem(
          startTransfer("{\"file_ids\":[]}", bearer(tokens.serviceAccount("sa_it", role))),
          400,
          "VALIDATION_ERROR");
    }
  }

  @Test
  @Order(3)
  void adminsValidationErrorsAreRelayedUnchanged() {
    Map<String, String> auth = bearer(admin);
    HttpResponse<String> empty =
        startTransfer("{\"file_ids\":[],\"target_storage_element_id\":\"se-nowhere\"}", auth);
    assertProblem(empty, 400, "VALIDATION_ERROR");
    JsonObject problem = Http.json(empty);
    assertTrue(fields(problem).contains("file_ids"), empty.body());
    assertTrue(fields(problem).contains("target_storage_element_id"), empty.body());
    // The same problem admin answers directly, and the ingester's request id went along.
    HttpResponse<String> direct =
        Http.post(
            ADMIN + "/transfers",
            "{\"file_ids\":[],\"target_storage_element_id\":\"se-nowhere\"}",
            auth);
    assertEquals(400, direct.statusCode(), direct.body());
    assertEquals(withoutRequestId(Http.json(direct)), withoutRequestId(problem));
    assertEquals(
        empty.headers().firstValue("X-Request-Id").orElse("none"),
        problem.getString("request_id", "absent"),
        empty.headers().toString());

    HttpResponse<String> notUuids =
        startTransfer(
            "{\"file_ids\":[\"nope\",\"nope\"],\"target_storage_element_id\":\"\"}", auth);
    assertProblem(notUuids, 400, "VALIDATION_ERROR");
    assertTrue(fields(Http.json(notUuids)).contains("file_ids[0]"), notUuids.body());
    assertTrue(fields(Http.json(notUuids)).contains("target_storage_element_id"), notUuids.body());

    HttpResponse<String> noBody = startTransfer("", auth);
    assertEquals(400, noBody.statusCode(), noBody.body());
    HttpResponse<String> notJson = startTransfer("{\"file_ids\":", auth);
    assertEquals(400, notJson.statusCode(), notJson.body());
    assertTrue(
        notJson.headers().firstValue("Content-Type").orElse("").startsWith("application/problem"),
        notJson.headers().toString());
  }

  @Test
  @Order(4)
  void unknownTransfersAndFilesAreNotFound() {
    for (String token : new String[] {admin, alice}) {
      Map<String, String> auth = bearer(token);
      assertProblem(Http.get(TRANSFERS + "/" + UUID.randomUUID(), auth), 404, "NOT_FOUND");
      assertProblem(Http.get(TRANSFERS + "/not-a-uuid", auth), 404, "NOT_FOUND");
      assertProblem(finalizeFile(UUID.randomUUID().toString(), null, auth), 404, "NOT_FOUND");
      assertProblem(
          finalizeFile(
              UUID.randomUUID().toString(), "{\"target_storage_element_id\":\"se-rw-1\"}", auth),
          404,
          "NOT_FOUND");
      assertProblem(finalizeFile("not-a-uuid", null, auth), 404, "NOT_FOUND");
    }
  }

  @Test
  @Order(5)
  void aFinalizeThatCannotBeDoneIsRefusedByAdminThroughTheIngester() {
    JsonObject uploaded =
        IngestIT.upload(alice, "tx-finalize.bin", IngestIT.random(4096), Map.of("ttl_days", "1"));
    String id = uploaded.getString("file_id");
    String element = uploaded.getString("storage_element_id");
    assertEquals("edit", IngestIT.elementRecord(element).getString("mode"));

    // Another USER: past the ingester's role check, admin refuses (not the owner).
    assertProblem(
        finalizeFile(id, "{\"target_storage_element_id\":\"" + element + "\"}", bearer(bob)),
        403,
        "FORBIDDEN");
    // The owner, to an element that is not registered.
    assertProblem(
        finalizeFile(id, "{\"target_storage_element_id\":\"se-nowhere\"}", bearer(alice)),
        404,
        "NOT_FOUND");
    // The owner, to the element the file is on already: nothing to move.
    HttpResponse<String> conflict =
        finalizeFile(id, "{\"target_storage_element_id\":\"" + element + "\"}", bearer(alice));
    assertProblem(conflict, 409, "CONFLICT");
    assertTrue(conflict.body().contains(element), conflict.body());
    assertFalse(conflict.headers().firstValue("X-Transfer-Id").isPresent());

    // Nothing changed.
    JsonObject record = IngestIT.registryRecord(id);
    assertEquals("temporary", record.getString("retention_policy"));
    assertEquals(element, record.getString("storage_element_id"));
    assertEquals("active", record.getString("status"));

    // A deleted file is not active: conflict again.
    assertEquals(204, IngestIT.delete(id, alice).statusCode());
    HttpResponse<String> deleted = finalizeFile(id, null, bearer(alice));
    assertProblem(deleted, 409, "CONFLICT");
  }

  @Test
  @Order(6)
  void aTransferIsFollowedThroughTheIngestersLocation() {
    // A transfer of a file that does not exist: admin accepts it and its item fails; nothing moves.
    String element =
        IngestIT.upload(alice, "tx-where.bin", IngestIT.random(1024), Map.of())
            .getString("storage_element_id");
    String missing = UUID.randomUUID().toString();
    HttpResponse<String> started =
        startTransfer(
            "{\"file_ids\":[\""
                + missing
                + "\"],\"target_storage_element_id\":\""
                + element
                + "\"}",
            bearer(admin));
    assertEquals(202, started.statusCode(), started.body());
    JsonObject transfer = Http.json(started);
    String transferId = transfer.getString("transfer_id");
    assertEquals(
        TRANSFERS + "/" + transferId, started.headers().firstValue("Location").orElse("none"));
    assertEquals("transfer", transfer.getString("kind"));
    assertEquals(element, transfer.getString("target_storage_element_id"));

    JsonObject done = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> polled = Http.get(TRANSFERS + "/" + transferId, bearer(admin));
      assertEquals(200, polled.statusCode(), polled.body());
      done = Http.json(polled);
      if (!done.getString("state").equals("running")) {
        break;
      }
      RunningSystem.sleep(250);
    }
    assertEquals("failed", done.getString("state"), done.toString());
    JsonObject item = done.getJsonArray("items").getJsonObject(0);
    assertEquals(missing, item.getString("file_id"));
    assertEquals("NOT_FOUND", item.getString("error_code"), item.toString());
    assertEquals(0, done.getInt("committed"));

    // The same through admin directly; an AUDITOR sees it, a USER who did not ask does not.
    HttpResponse<String> direct = Http.get(ADMIN + "/transfers/" + transferId, bearer(admin));
    assertEquals(200, direct.statusCode(), direct.body());
    assertEquals(Http.json(direct), done);
    assertEquals(
        200,
        Http.get(TRANSFERS + "/" + transferId, bearer(tokens.serviceAccount("sa_it", "AUDITOR")))
            .statusCode());
    assertProblem(Http.get(TRANSFERS + "/" + transferId, bearer(alice)), 403, "FORBIDDEN");
  }

  // --- helpers -----------------------------------------------------------------------------

  static String validRequest() {
    return "{\"file_ids\":[\""
        + UUID.randomUUID()
        + "\"],\"target_storage_element_id\":\"se-nowhere\"}";
  }

  static HttpResponse<String> startTransfer(String json, Map<String, String> auth) {
    return Http.method("POST", TRANSFERS, json, auth);
  }

  static HttpResponse<String> finalizeFile(String id, String json, Map<String, String> auth) {
    return Http.method("POST", INGESTER + "/files/" + id + "/finalize", json, auth);
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream()
        .map(JsonValue::asJsonObject)
        .map(e -> e.getString("field"))
        .toList();
  }

  private static JsonObject withoutRequestId(JsonObject problem) {
    return jakarta.json.Json.createObjectBuilder(problem).remove("request_id").build();
  }
}
