package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Admin's storage-element registry (SPEC §4) against the running elements and one standalone
 * element this test starts: registration, listing, changes, syncs, mode transitions forwarded to
 * the element, health sync, the discovery snapshot in Redis and over REST, and who may do what.
 */
@Order(13)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageRegistryIT {
  private static final String BASE = RunningSystem.url("admin") + "/api/v1/storage-elements";
  private static final String INTERNAL =
      RunningSystem.url("admin") + "/api/v1/internal/storage-elements";
  private static final String EDIT_URL = "http://localhost:8010";
  private static final String RW_URL = "http://localhost:8011";

  private static TestTokens tokens;
  private static StandaloneElement standalone;
  private static String editId;
  private static String rwId;
  private static String standaloneId;
  private static long firstVersion;

  @BeforeAll
  static void system() {
    tokens = RunningSystem.get().tokens();
  }

  @AfterAll
  static void stopStandalone() {
    if (standalone != null) {
      standalone.stop();
    }
  }

  @Test
  @Order(1)
  void theRunRegisteredBothRunningElements() {
    // The README's run command registers its own elements, as an operator would.
    JsonObject all = Http.json(Http.get(BASE + "?limit=100", RunningSystem.asAdmin()));
    JsonObject e = byElementId(all, "se-edit-1");
    editId = e.getString("id");
    UUID.fromString(editId);
    assertEquals(EDIT_URL, e.getString("api_url"));
    assertEquals("edit", e.getString("mode"));
    assertEquals("online", e.getString("status"));
    assertTrue(e.getJsonObject("capacity").getJsonNumber("total_bytes").longValue() > 0);
    assertNotNull(e.getString("last_sync_at"));
    HttpResponse<String> described =
        Http.method(
            "PUT",
            BASE + "/" + editId,
            "{\"description\":\"working store\"}",
            RunningSystem.asAdmin());
    assertEquals(200, described.statusCode(), described.body());
    assertEquals("working store", Http.json(described).getString("description"));

    rwId = byElementId(all, "se-rw-1").getString("id");
    HttpResponse<String> rw =
        Http.method("PUT", BASE + "/" + rwId, "{\"priority\":7}", RunningSystem.asAdmin());
    assertEquals(200, rw.statusCode(), rw.body());
    assertEquals(7, Http.json(rw).getInt("priority"));

    firstVersion =
        awaitSnapshot(s -> elementIds(s).containsAll(Set.of("se-edit-1", "se-rw-1")))
            .getJsonNumber("version")
            .longValue();
    assertTrue(firstVersion >= 2, "two registrations, two versions: " + firstVersion);
  }

  private static JsonObject byElementId(JsonObject page, String elementId) {
    return page.getJsonArray("items").stream()
        .map(JsonValue::asJsonObject)
        .filter(i -> elementId.equals(i.getString("element_id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(elementId + " is not registered: " + page));
  }

  @Test
  @Order(2)
  void duplicatesAreConflicts() {
    HttpResponse<String> sameUrl =
        Http.post(BASE, "{\"api_url\":\"" + EDIT_URL + "\"}", RunningSystem.asAdmin());
    assertEquals(409, sameUrl.statusCode(), sameUrl.body());
    assertProblem(sameUrl, 409, "CONFLICT");
    // Another spelling of the same element: the element id is registered already.
    HttpResponse<String> sameElement =
        Http.post(BASE, "{\"api_url\":\"http://127.0.0.1:8010\"}", RunningSystem.asAdmin());
    assertEquals(409, sameElement.statusCode(), sameElement.body());
    assertProblem(sameElement, 409, "CONFLICT");
  }

  @Test
  @Order(3)
  void unreachableAndInvalidUrlsAreRefused() {
    HttpResponse<String> unreachable =
        Http.post(BASE, "{\"api_url\":\"http://localhost:8099\"}", RunningSystem.asAdmin());
    assertEquals(502, unreachable.statusCode(), unreachable.body());
    assertProblem(unreachable, 502, "SE_UNAVAILABLE");
    HttpResponse<String> bad =
        Http.post(BASE, "{\"api_url\":\"ftp://localhost:8010\"}", RunningSystem.asAdmin());
    assertEquals(400, bad.statusCode(), bad.body());
    assertProblem(bad, 400, "VALIDATION_ERROR");
    assertEquals(
        "api_url", Http.json(bad).getJsonArray("errors").getJsonObject(0).getString("field"));
    HttpResponse<String> badPriority =
        Http.post(
            BASE,
            "{\"api_url\":\"http://localhost:8099\",\"priority\":-1}",
            RunningSystem.asAdmin());
    assertEquals(400, badPriority.statusCode(), badPriority.body());
  }

  @Test
  @Order(4)
  void discoverSaysAlreadyRegistered() {
    HttpResponse<String> response =
        Http.post(
            BASE + "/discover", "{\"api_url\":\"" + EDIT_URL + "\"}", RunningSystem.asAdmin());
    assertEquals(200, response.statusCode(), response.body());
    JsonObject preview = Http.json(response);
    assertTrue(preview.getBoolean("already_registered"));
    assertEquals(editId, preview.getString("registry_id"));
  }

  @Test
  @Order(5)
  void listsWithFiltersAndPaging() {
    Map<String, String> admin = RunningSystem.asAdmin();
    JsonObject all = Http.json(Http.get(BASE, admin));
    assertTrue(all.getJsonNumber("total").longValue() >= 2, all.toString());
    assertEquals(100, all.getInt("limit"));

    JsonObject edits = Http.json(Http.get(BASE + "?mode=edit", admin));
    assertTrue(
        edits.getJsonArray("items").stream()
            .allMatch(i -> i.asJsonObject().getString("mode").equals("edit")));
    assertTrue(ids(edits).contains(editId));
    assertFalse(ids(edits).contains(rwId));

    JsonObject online = Http.json(Http.get(BASE + "?status=online&storage_type=local", admin));
    assertTrue(ids(online).containsAll(Set.of(editId, rwId)), online.toString());
    assertEquals(0, Http.json(Http.get(BASE + "?status=offline", admin)).getInt("total"));

    JsonObject page = Http.json(Http.get(BASE + "?limit=1&offset=0", admin));
    assertEquals(1, page.getJsonArray("items").size());
    assertTrue(page.getBoolean("has_more"));
    // Sorted by priority: se-rw-1 (7) before se-edit-1 (its own, 100 or more).
    assertEquals(rwId, page.getJsonArray("items").getJsonObject(0).getString("id"));
    JsonObject second = Http.json(Http.get(BASE + "?limit=1&offset=1", admin));
    assertEquals(editId, second.getJsonArray("items").getJsonObject(0).getString("id"));

    HttpResponse<String> badFilter = Http.get(BASE + "?mode=frozen", admin);
    assertEquals(400, badFilter.statusCode());
    assertProblem(badFilter, 400, "VALIDATION_ERROR");
    assertEquals(400, Http.get(BASE + "?limit=0", admin).statusCode());
  }

  @Test
  @Order(6)
  void getsOneAnd404sTheRest() {
    HttpResponse<String> one = Http.get(BASE + "/" + editId, RunningSystem.asAdmin());
    assertEquals(200, one.statusCode(), one.body());
    assertEquals("se-edit-1", Http.json(one).getString("element_id"));
    HttpResponse<String> missing =
        Http.get(BASE + "/" + UUID.randomUUID(), RunningSystem.asAdmin());
    assertEquals(404, missing.statusCode());
    assertProblem(missing, 404, "NOT_FOUND");
    assertEquals(404, Http.get(BASE + "/not-a-uuid", RunningSystem.asAdmin()).statusCode());
  }

  @Test
  @Order(7)
  void putChangesTheOperatorsFieldsOnly() {
    JsonObject before = Http.json(Http.get(BASE + "/" + editId, RunningSystem.asAdmin()));
    HttpResponse<String> put =
        Http.method(
            "PUT",
            BASE + "/" + editId,
            "{\"name\":\"Edit one\",\"priority\":150,\"mode\":\"ro\"}",
            RunningSystem.asAdmin());
    assertEquals(200, put.statusCode(), put.body());
    JsonObject after = Http.json(put);
    assertEquals("Edit one", after.getString("name"));
    assertEquals(150, after.getInt("priority"));
    assertEquals("edit", after.getString("mode"), "mode is not the operator's to set");
    assertEquals("working store", after.getString("description"), "absent means unchanged");
    assertTrue(
        after.getJsonNumber("version").longValue() > before.getJsonNumber("version").longValue());

    HttpResponse<String> duplicateUrl =
        Http.method(
            "PUT",
            BASE + "/" + editId,
            "{\"api_url\":\"" + RW_URL + "\"}",
            RunningSystem.asAdmin());
    assertEquals(409, duplicateUrl.statusCode(), duplicateUrl.body());
    assertProblem(duplicateUrl, 409, "CONFLICT");
    HttpResponse<String> bad =
        Http.method("PUT", BASE + "/" + editId, "{\"priority\":-5}", RunningSystem.asAdmin());
    assertEquals(400, bad.statusCode());
    assertEquals(
        404,
        Http.method(
                "PUT", BASE + "/" + UUID.randomUUID(), "{\"name\":\"x\"}", RunningSystem.asAdmin())
            .statusCode());
  }

  @Test
  @Order(8)
  void syncRefreshesNow() throws Exception {
    Instant before =
        Instant.parse(
            Http.json(Http.get(BASE + "/" + rwId, RunningSystem.asAdmin()))
                .getString("last_sync_at"));
    Thread.sleep(20);
    HttpResponse<String> sync =
        Http.post(BASE + "/" + rwId + "/sync", "{}", RunningSystem.asAdmin());
    assertEquals(200, sync.statusCode(), sync.body());
    JsonObject synced = Http.json(sync);
    assertTrue(Instant.parse(synced.getString("last_sync_at")).isAfter(before));
    assertEquals("online", synced.getString("status"));
    assertEquals(StorageModeIT.info("storage-rw").getString("mode"), synced.getString("mode"));

    HttpResponse<String> all = Http.post(BASE + "/sync-all", "{}", RunningSystem.asAdmin());
    assertEquals(200, all.statusCode(), all.body());
    JsonObject results = Http.json(all);
    assertTrue(results.getInt("synced") >= 2, results.toString());
    assertTrue(
        results.getJsonArray("results").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(i -> i.getString("id").equals(editId) && i.getBoolean("success")));
  }

  @Test
  @Order(9)
  void modeTransitionIsForwardedToTheElementAndRecorded() {
    standalone = new StandaloneElement("se-reg-1", 8017, "256m", Map.of("ARTSTORE_SE_MODE", "rw"));
    standalone.start();
    HttpResponse<String> registered =
        Http.post(BASE, "{\"api_url\":\"" + standalone.url() + "\"}", RunningSystem.asAdmin());
    assertEquals(201, registered.statusCode(), registered.body());
    standaloneId = Http.json(registered).getString("id");
    assertTrue(
        registered
            .headers()
            .firstValue("Location")
            .orElseThrow()
            .endsWith("/storage-elements/" + standaloneId));
    assertEquals("rw", Http.json(registered).getString("mode"));

    HttpResponse<String> toRo =
        Http.post(
            BASE + "/" + standaloneId + "/mode",
            "{\"target_mode\":\"ro\"}",
            RunningSystem.asAdmin());
    assertEquals(200, toRo.statusCode(), toRo.body());
    JsonObject change = Http.json(toRo);
    assertEquals("rw", change.getString("previous_mode"));
    assertEquals("ro", change.getString("mode"));
    assertEquals("ro", change.getJsonObject("element").getString("mode"));
    assertEquals("ro", Http.json(Http.get(standalone.api() + "/info")).getString("mode"));
    assertEquals(
        "ro",
        Http.json(Http.get(BASE + "/" + standaloneId, RunningSystem.asAdmin())).getString("mode"));

    HttpResponse<String> back =
        Http.post(
            BASE + "/" + standaloneId + "/mode",
            "{\"target_mode\":\"rw\"}",
            RunningSystem.asAdmin());
    assertEquals(409, back.statusCode(), back.body());
    assertProblem(back, 409, "INVALID_TRANSITION");
    HttpResponse<String> unknown =
        Http.post(
            BASE + "/" + standaloneId + "/mode",
            "{\"target_mode\":\"frozen\"}",
            RunningSystem.asAdmin());
    assertEquals(400, unknown.statusCode());
    // A READONLY caller cannot even ask.
    assertEquals(
        403,
        Http.post(
                BASE + "/" + standaloneId + "/mode",
                "{\"target_mode\":\"ar\"}",
                AuthIT.bearer(tokens.serviceAccount("sa_it_ro", "READONLY")))
            .statusCode());
  }

  @Test
  @Order(10)
  void anElementThatStopsIsOfflineAndOnlineAgainWhenBack() {
    standalone.stop();
    HttpResponse<String> down =
        Http.post(BASE + "/" + standaloneId + "/sync", "{}", RunningSystem.asAdmin());
    assertEquals(502, down.statusCode(), down.body());
    assertProblem(down, 502, "SE_UNAVAILABLE");
    JsonObject offline = Http.json(Http.get(BASE + "/" + standaloneId, RunningSystem.asAdmin()));
    assertEquals("offline", offline.getString("status"));
    assertTrue(offline.getInt("consecutive_failures") >= 1);
    assertNotNull(offline.getString("last_error"));
    assertTrue(
        ids(Http.json(Http.get(BASE + "?status=offline", RunningSystem.asAdmin())))
            .contains(standaloneId));
    JsonObject snapshot = awaitSnapshot(s -> "offline".equals(statusIn(s, "se-reg-1")));
    assertNotNull(snapshot);

    standalone.start();
    HttpResponse<String> up =
        Http.post(BASE + "/" + standaloneId + "/sync", "{}", RunningSystem.asAdmin());
    assertEquals(200, up.statusCode(), up.body());
    JsonObject online = Http.json(up);
    assertEquals("online", online.getString("status"));
    assertEquals("ro", online.getString("mode"), "the mode survived the restart");
    assertEquals(0, online.getInt("consecutive_failures"));
    assertFalse(online.containsKey("last_error"));
  }

  @Test
  @Order(11)
  void theScheduledHealthSyncKeepsRecordsFresh() throws Exception {
    String first =
        Http.json(Http.get(BASE + "/" + editId, RunningSystem.asAdmin())).getString("last_sync_at");
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(45),
        () ->
            !first.equals(
                Http.json(Http.get(BASE + "/" + editId, RunningSystem.asAdmin()))
                    .getString("last_sync_at")),
        "the health sync refreshes se-edit-1");
  }

  @Test
  @Order(12)
  void redisHoldsTheSnapshotWithIncreasingVersions() {
    JsonObject snapshot = redisSnapshot();
    assertNotNull(snapshot, "artstore:storage_elements in Redis");
    assertTrue(
        snapshot.getJsonNumber("version").longValue() > firstVersion,
        "later changes have later versions: " + snapshot.getJsonNumber("version"));
    assertNotNull(snapshot.getString("timestamp"));
    assertTrue(elementIds(snapshot).containsAll(Set.of("se-edit-1", "se-rw-1", "se-reg-1")));
    JsonObject edit =
        snapshot.getJsonArray("storage_elements").stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> e.getString("element_id").equals("se-edit-1"))
            .findFirst()
            .orElseThrow();
    assertEquals(EDIT_URL, edit.getString("api_url"));
    assertEquals(editId, edit.getString("id"));
    assertEquals("edit", edit.getString("mode"));
  }

  @Test
  @Order(13)
  void theInternalEndpointListsWritableElementsForServices() {
    HttpResponse<String> response =
        Http.get(
            INTERNAL + "?writable=true",
            AuthIT.bearer(tokens.serviceAccount("sa_it_q", "READONLY")));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject snapshot = Http.json(response);
    assertTrue(snapshot.getJsonNumber("version").longValue() > firstVersion);
    List<JsonObject> elements =
        snapshot.getJsonArray("storage_elements").stream().map(JsonValue::asJsonObject).toList();
    assertTrue(elementIds(snapshot).contains("se-edit-1"), snapshot.toString());
    assertFalse(elementIds(snapshot).contains("se-reg-1"), "read-only elements are not writable");
    for (JsonObject e : elements) {
      assertEquals("online", e.getString("status"));
      assertTrue(Set.of("edit", "rw").contains(e.getString("mode")), e.toString());
    }
    JsonObject readOnly = Http.json(Http.get(INTERNAL + "?mode=ro", RunningSystem.asAdmin()));
    assertTrue(elementIds(readOnly).contains("se-reg-1"));
    assertEquals(401, Http.get(INTERNAL).statusCode());
    assertEquals(400, Http.get(INTERNAL + "?writable=maybe", RunningSystem.asAdmin()).statusCode());
  }

  @Test
  @Order(14)
  void statsSummariseTheRegistry() {
    HttpResponse<String> response =
        Http.get(
            BASE + "/stats/summary", AuthIT.bearer(tokens.serviceAccount("sa_it_a", "AUDITOR")));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject stats = Http.json(response);
    assertTrue(stats.getInt("total") >= 3);
    assertTrue(stats.getJsonObject("by_mode").getInt("edit") >= 1);
    assertTrue(stats.getJsonObject("by_status").getInt("online") >= 3, stats.toString());
    assertTrue(stats.getJsonObject("capacity").getJsonNumber("total_bytes").longValue() > 0);

    String metrics = Http.get(RunningSystem.url("admin") + "/metrics").body();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("artstore_registry_elements{") && l.contains("status=\"online\"")),
        "artstore_registry_elements{status} gauges");
    assertTrue(metrics.contains("artstore_discovery_published"), "publication counter");
    assertTrue(metrics.contains("artstore_registry_sync_failures"), "sync failure counter");
  }

  @Test
  @Order(15)
  void deleteIsRefusedWhileTheElementHoldsFiles() throws Exception {
    String token = RunningSystem.adminToken();
    if (Http.json(Http.get(BASE + "/" + editId, RunningSystem.asAdmin())).getInt("file_count")
        == 0) {
      StorageApi.uploaded(
          RunningSystem.url("storage-edit") + "/api/v1",
          token,
          "registry.txt",
          "held by se-edit-1".getBytes(StandardCharsets.UTF_8),
          Map.of());
    }
    // The element's figures are cached for a few seconds: sync until the file shows.
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(20),
        () ->
            Http.json(Http.post(BASE + "/" + editId + "/sync", "{}", RunningSystem.asAdmin()))
                    .getInt("file_count")
                > 0,
        "se-edit-1 reports its files");
    HttpResponse<String> refused =
        Http.method("DELETE", BASE + "/" + editId, null, RunningSystem.asAdmin());
    assertEquals(409, refused.statusCode(), refused.body());
    assertProblem(refused, 409, "CONFLICT");

    HttpResponse<String> deleted =
        Http.method("DELETE", BASE + "/" + standaloneId, null, RunningSystem.asAdmin());
    assertEquals(204, deleted.statusCode(), deleted.body());
    assertEquals(404, Http.get(BASE + "/" + standaloneId, RunningSystem.asAdmin()).statusCode());
    assertEquals(
        404,
        Http.method("DELETE", BASE + "/" + standaloneId, null, RunningSystem.asAdmin())
            .statusCode());
    awaitSnapshot(s -> !elementIds(s).contains("se-reg-1"));
  }

  @Test
  @Order(16)
  void onlyAdminsManageAndOnlyKnownReadersRead() {
    Map<String, String> readonly = AuthIT.bearer(tokens.serviceAccount("sa_it_ro", "READONLY"));
    assertEquals(200, Http.get(BASE, readonly).statusCode());
    assertEquals(200, Http.get(BASE + "/" + editId, readonly).statusCode());
    assertEquals(403, Http.post(BASE, "{\"api_url\":\"" + EDIT_URL + "\"}", readonly).statusCode());
    assertEquals(403, Http.post(BASE + "/" + editId + "/sync", "{}", readonly).statusCode());
    assertEquals(403, Http.method("DELETE", BASE + "/" + rwId, null, readonly).statusCode());
    assertEquals(
        403, Http.method("PUT", BASE + "/" + rwId, "{\"name\":\"x\"}", readonly).statusCode());
    assertEquals(
        200,
        Http.get(BASE, AuthIT.bearer(tokens.serviceAccount("sa_it_a", "AUDITOR"))).statusCode());
    Map<String, String> user = AuthIT.bearer(tokens.serviceAccount("sa_it_u", "USER"));
    assertEquals(403, Http.get(BASE, user).statusCode());
    assertEquals(403, Http.post(BASE + "/sync-all", "{}", user).statusCode());
    assertEquals(200, Http.get(INTERNAL, user).statusCode(), "discovery is for every service");
    assertEquals(401, Http.get(BASE).statusCode());
    assertEquals(401, Http.post(BASE, "{\"api_url\":\"" + EDIT_URL + "\"}", Map.of()).statusCode());
    Map<String, String> superAdmin =
        AuthIT.bearer(tokens.principal("root", "root", "admin_user", "SUPER_ADMIN"));
    assertEquals(200, Http.post(BASE + "/" + rwId + "/sync", "{}", superAdmin).statusCode());
  }

  // --- helpers ---

  private static Set<String> ids(JsonObject page) {
    return page.getJsonArray("items").stream()
        .map(i -> i.asJsonObject().getString("id"))
        .collect(Collectors.toSet());
  }

  private static Set<String> elementIds(JsonObject snapshot) {
    return snapshot.getJsonArray("storage_elements").stream()
        .map(i -> i.asJsonObject().getString("element_id"))
        .collect(Collectors.toSet());
  }

  private static String statusIn(JsonObject snapshot, String elementId) {
    return snapshot.getJsonArray("storage_elements").stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> e.getString("element_id").equals(elementId))
        .map(e -> e.getString("status"))
        .findFirst()
        .orElse(null);
  }

  interface SnapshotCheck {
    boolean ok(JsonObject snapshot);
  }

  /** Waits until the snapshot in Redis passes the check (publication is asynchronous). */
  private static JsonObject awaitSnapshot(SnapshotCheck check) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonObject snapshot = null;
    while (System.nanoTime() < deadline) {
      snapshot = redisSnapshot();
      if (snapshot != null && check.ok(snapshot)) {
        return snapshot;
      }
      RunningSystem.sleep(200);
    }
    throw new AssertionError("Redis snapshot never passed the check; last: " + snapshot);
  }

  /** GET artstore:storage_elements over a raw RESP connection to the system's Redis. */
  static JsonObject redisSnapshot() {
    try (Socket socket = new Socket("127.0.0.1", RunningSystem.REDIS_PORT)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      String key = "artstore:storage_elements";
      out.write(
          ("*2\r\n$3\r\nGET\r\n$" + key.length() + "\r\n" + key + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String header = readLine(in);
      if (!header.startsWith("$")) {
        throw new IllegalStateException("Unexpected Redis answer: " + header);
      }
      int length = Integer.parseInt(header.substring(1));
      if (length < 0) {
        return null;
      }
      byte[] body = in.readNBytes(length);
      try (var reader =
          Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
        return reader.readObject();
      }
    } catch (IOException e) {
      throw new IllegalStateException("Redis not reachable", e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
    throw new IOException("Redis closed the connection");
  }
}
