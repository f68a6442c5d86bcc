package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Uploads and deletes through the ingester (SPEC §5.1, §5.3) against the running system: the file
 * lands on the element its retention calls for, is registered, and is byte-identical on the
 * element; bad input stores nothing; deletes go through the element; the element choice (priority,
 * free space, a stopped or full element, none left) and the per-element circuit breaker, with two
 * standalone elements of the test's own.
 */
@Order(17)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {
  static final String INGESTER = RunningSystem.url("ingester") + "/api/v1";
  static final String ADMIN = RunningSystem.url("admin") + "/api/v1";
  private static final Random RANDOM = new Random(17);

  private static TestTokens tokens;
  private static String alice;
  private static String bob;
  private static String admin;
  private static StandaloneElement elementA;
  private static StandaloneElement elementB;
  private static StandaloneElement rwElement;
  private static String registryA;
  private static String registryB;
  private static String editRegistryId;

  @BeforeAll
  static void system() {
    tokens = RunningSystem.get().tokens();
    alice = tokens.principal("it-alice", "alice", "service_account", "USER");
    bob = tokens.principal("it-bob", "bob", "service_account", "USER");
    admin = RunningSystem.adminToken();
  }

  @AfterAll
  static void cleanUp() {
    if (editRegistryId != null) {
      // Whatever happened, the system's edit element goes back to its address.
      Http.method(
          "PUT",
          ADMIN + "/storage-elements/" + editRegistryId,
          "{\"api_url\":\"" + RunningSystem.url("storage-edit") + "\"}",
          RunningSystem.asAdmin());
      Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
    }
    for (StandaloneElement e : new StandaloneElement[] {elementA, elementB, rwElement}) {
      if (e != null) {
        e.stop();
      }
    }
  }

  @Test
  @Order(1)
  void aTemporaryUploadIsStoredRegisteredAndByteIdentical() {
    byte[] content = random(300 * 1024);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("description", "ingest end to end invoice");
    fields.put("tags", "[\"ingest\",\"e2e\"]");
    fields.put("metadata", "{\"department\":\"finance\"}");
    fields.put("ttl_days", "2");
    Instant before = Instant.now().minusSeconds(1);
    HttpResponse<String> response =
        StorageApi.upload(INGESTER, alice, "invoice-e2e.pdf", content, fields);
    assertEquals(201, response.statusCode(), response.body());
    JsonObject uploaded = Http.json(response);
    String id = uploaded.getString("file_id");
    assertEquals("invoice-e2e.pdf", uploaded.getString("original_filename"));
    assertEquals(content.length, uploaded.getJsonNumber("size_bytes").longValue());
    assertEquals(StorageApi.sha256(content), uploaded.getString("checksum"));
    assertEquals("temporary", uploaded.getString("retention_policy"));
    assertEquals(2, uploaded.getInt("ttl_days"));
    assertFalse(uploaded.getBoolean("compressed"));
    Instant uploadedAt = Instant.parse(uploaded.getString("uploaded_at"));
    assertTrue(uploadedAt.isAfter(before), uploadedAt + " after " + before);
    assertEquals(
        uploadedAt.plus(Duration.ofDays(2)), Instant.parse(uploaded.getString("expires_at")));

    JsonObject record = registryRecord(id);
    assertEquals("active", record.getString("status"));
    assertEquals(uploaded.getString("storage_element_id"), record.getString("storage_element_id"));
    assertEquals("edit", elementRecord(record.getString("storage_element_id")).getString("mode"));
    assertEquals("it-alice", record.getJsonObject("uploaded_by").getString("id"));
    assertEquals(uploaded.getString("expires_at"), record.getString("expires_at"));
    assertEquals("ingest end to end invoice", record.getString("description"));

    String elementApi = elementApi(record.getString("storage_element_id"));
    assertEquals(StorageApi.sha256(content), StorageApi.downloadSha256(elementApi, admin, id));
  }

  @Test
  @Order(2)
  void aPermanentUploadLandsOnAnRwElementWithoutExpiry() {
    // The system's rw element is read-only by now (StorageModeIT): an rw element of the test's own,
    // first in priority.
    rwElement =
        new StandaloneElement(
                "se-ing-rw",
                8045,
                "256m",
                Map.of("ARTSTORE_SE_MODE", "rw", "ARTSTORE_SE_PRIORITY", "1"))
            .start();
    register(rwElement);
    awaitIngesterSees(s -> online(s, "se-ing-rw"));
    byte[] content = random(64 * 1024);
    HttpResponse<String> response =
        StorageApi.upload(
            INGESTER, alice, "contract.pdf", content, Map.of("retention_policy", "permanent"));
    assertEquals(201, response.statusCode(), response.body());
    JsonObject uploaded = Http.json(response);
    assertEquals("se-ing-rw", uploaded.getString("storage_element_id"));
    assertEquals("permanent", uploaded.getString("retention_policy"));
    assertTrue(
        !uploaded.containsKey("expires_at") || uploaded.isNull("expires_at"), uploaded.toString());
    JsonObject record = registryRecord(uploaded.getString("file_id"));
    assertEquals("permanent", record.getString("retention_policy"));
    assertFalse(record.containsKey("expires_at") && !record.isNull("expires_at"));
    assertEquals(
        StorageApi.sha256(content),
        StorageApi.downloadSha256(rwElement.api(), admin, uploaded.getString("file_id")));
  }

  @Test
  @Order(3)
  void checksumsAreVerified() {
    byte[] content = random(10_000);
    String hex = StorageApi.sha256(content);
    String b64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));

    HttpResponse<String> digest =
        send(
            body("digest.bin", content, Map.of()),
            Map.of("Content-Digest", "sha-256=:" + b64 + ":"));
    assertEquals(201, digest.statusCode(), digest.body());
    HttpResponse<String> field =
        StorageApi.upload(
            INGESTER, alice, "field.bin", content, Map.of("checksum", "sha256:" + hex));
    assertEquals(201, field.statusCode(), field.body());

    String wrong = StorageApi.sha256(random(10));
    String name = "mismatch-" + UUID.randomUUID() + ".bin";
    HttpResponse<String> mismatch =
        StorageApi.upload(INGESTER, alice, name, content, Map.of("checksum", wrong));
    assertProblem(mismatch, 400, "CHECKSUM_MISMATCH");
    assertNothingRegisteredNamed(name);

    HttpResponse<String> bad =
        send(body("bad.bin", content, Map.of()), Map.of("Content-Digest", "sha-256=:nonsense:"));
    assertProblem(bad, 400, "VALIDATION_ERROR");
    assertTrue(bad.body().contains("Content-Digest"), bad.body());
    HttpResponse<String> disagree =
        send(
            body("two.bin", content, Map.of("checksum", wrong)),
            Map.of("Repr-Digest", "sha-256=:" + b64 + ":"));
    assertProblem(disagree, 400, "VALIDATION_ERROR");
  }

  @Test
  @Order(4)
  void badInputIsRefusedAndStoresNothing() {
    String subject = "it-bad-" + UUID.randomUUID();
    String token = tokens.principal(subject, "bad", "service_account", "USER");
    byte[] content = random(2048);
    assertField(
        StorageApi.upload(INGESTER, token, "a.bin", content, Map.of("retention_policy", "forever")),
        "retention_policy");
    assertField(
        StorageApi.upload(INGESTER, token, "a.bin", content, Map.of("ttl_days", "0")), "ttl_days");
    assertField(
        StorageApi.upload(INGESTER, token, "a.bin", content, Map.of("ttl_days", "366")),
        "ttl_days");
    assertField(
        StorageApi.upload(
            INGESTER,
            token,
            "a.bin",
            content,
            orderedFields("retention_policy", "permanent", "ttl_days", "3")),
        "ttl_days");
    assertField(
        StorageApi.upload(INGESTER, token, "a.bin", content, Map.of("compress", "lz4")),
        "compress");
    assertField(
        StorageApi.upload(INGESTER, token, "a.bin", content, Map.of("tags", "not json")), "tags");
    MultipartBody late = new MultipartBody();
    late.file("late.bin", "application/octet-stream", content)
        .field("retention_policy", "permanent")
        .end();
    assertField(StorageApi.upload(INGESTER, token, late), "retention_policy");
    MultipartBody noFile = new MultipartBody().field("description", "no file").end();
    assertField(StorageApi.upload(INGESTER, token, noFile), "file");
    MultipartBody truncated =
        new MultipartBody().field("description", "cut").raw("--nope\r\nContent-Disposition: form");
    assertProblem(StorageApi.upload(INGESTER, token, truncated), 400, "BAD_REQUEST");
    MultipartBody twoFiles = new MultipartBody();
    twoFiles
        .file("one.bin", "application/octet-stream", content)
        .file("two.bin", "application/octet-stream", content)
        .end();
    assertProblem(StorageApi.upload(INGESTER, token, twoFiles), 400, "VALIDATION_ERROR");

    JsonObject mine =
        Http.json(Http.get(ADMIN + "/files?uploaded_by=" + subject, RunningSystem.asAdmin()));
    assertEquals(0, mine.getInt("total"), "nothing registered for the bad uploads: " + mine);
  }

  @Test
  @Order(5)
  void uploadRolesAndTokens() {
    byte[] content = random(1000);
    assertEquals(
        401, StorageApi.upload(INGESTER, "", "x.bin", content, Map.of()).statusCode(), "no token");
    assertEquals(
        401,
        StorageApi.upload(INGESTER, "garbage.token.here", "x.bin", content, Map.of()).statusCode());
    assertEquals(
        401,
        StorageApi.upload(INGESTER, tokens.algNone("ADMIN"), "x.bin", content, Map.of())
            .statusCode());
    for (String role : new String[] {"READONLY", "AUDITOR"}) {
      HttpResponse<String> refused =
          StorageApi.upload(
              INGESTER,
              tokens.principal("it-" + role, role, "service_account", role),
              "x.bin",
              content,
              Map.of());
      assertProblem(refused, 403, "FORBIDDEN");
    }
    assertEquals(201, StorageApi.upload(INGESTER, admin, "x.bin", content, Map.of()).statusCode());
    assertEquals(
        201,
        StorageApi.upload(
                INGESTER,
                tokens.principal("it-root-user", "root", "admin_user", "SUPER_ADMIN"),
                "x.bin",
                content,
                Map.of())
            .statusCode());
  }

  @Test
  @Order(6)
  void deletesGoThroughTheElementAndTheRegistry() {
    String id = upload(alice, "to-delete.txt", random(5000), Map.of()).getString("file_id");
    String permanent =
        upload(alice, "keep.txt", random(5000), Map.of("retention_policy", "permanent"))
            .getString("file_id");

    assertProblem(delete(id, bob), 403, "FORBIDDEN");
    assertProblem(
        delete(id, tokens.principal("it-ro", "ro", "service_account", "READONLY")),
        403,
        "FORBIDDEN");
    assertEquals(401, delete(id, null).statusCode());
    assertEquals(401, delete(id, "garbage").statusCode());
    assertEquals("active", registryRecord(id).getString("status"), "refusals changed nothing");

    assertEquals(204, delete(id, alice).statusCode());
    JsonObject record = registryRecord(id);
    assertEquals("deleted", record.getString("status"));
    JsonObject onElement =
        Http.json(
            Http.get(
                elementApi(record.getString("storage_element_id")) + "/files/" + id,
                Map.of("Authorization", "Bearer " + admin)));
    assertEquals("deleted", onElement.getString("status"), "attr.json says so too");
    assertEquals(204, delete(id, alice).statusCode(), "deleting again changes nothing");
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (RedisProbe.eventTypes(id).size() < 2 && System.nanoTime() < deadline) {
      RunningSystem.sleep(200);
    }
    assertEquals(
        java.util.List.of("file.created", "file.deleted"),
        RedisProbe.eventTypes(id),
        "the registry's events reach the stream in order");

    assertProblem(delete(permanent, admin), 409, "MODE_NOT_ALLOWED");
    assertEquals("active", registryRecord(permanent).getString("status"));
    String other = upload(alice, "admin-may.txt", random(100), Map.of()).getString("file_id");
    assertEquals(204, delete(other, admin).statusCode(), "an ADMIN may delete any file");
    assertProblem(delete(UUID.randomUUID().toString(), alice), 404, "NOT_FOUND");
    assertProblem(delete("not-a-uuid", alice), 404, "NOT_FOUND");
  }

  @Test
  @Order(7)
  void priorityThenFreeSpaceDecide() {
    // A holds 600 KiB, B 1 MiB: at equal priority B (more free space) is chosen.
    elementA =
        new StandaloneElement(
                "se-ing-a",
                8040,
                "256m",
                Map.of("ARTSTORE_SE_PRIORITY", "10", "ARTSTORE_SE_MAX_SIZE", "614400"))
            .start();
    elementB =
        new StandaloneElement(
                "se-ing-b",
                8041,
                "256m",
                Map.of("ARTSTORE_SE_PRIORITY", "10", "ARTSTORE_SE_MAX_SIZE", "1048576"))
            .start();
    registryA = register(elementA);
    registryB = register(elementB);
    awaitIngesterSees(s -> online(s, "se-ing-a") && online(s, "se-ing-b"));

    assertEquals(
        "se-ing-b",
        upload(alice, "b.bin", random(100 * 1024), Map.of()).getString("storage_element_id"));

    HttpResponse<String> priority =
        Http.method(
            "PUT",
            ADMIN + "/storage-elements/" + registryA,
            "{\"priority\":5}",
            RunningSystem.asAdmin());
    assertEquals(200, priority.statusCode(), priority.body());
    awaitIngesterSees(s -> priorityOf(s, "se-ing-a") == 5);
    assertEquals(
        "se-ing-a",
        upload(alice, "a.bin", random(100 * 1024), Map.of()).getString("storage_element_id"));
  }

  @Test
  @Order(8)
  void aFullElementIsSkipped() {
    double fullBefore = metric("artstore_ingester_element_attempts", "se-ing-a", "result=\"full\"");
    // Sent chunked, so the ingester cannot rule A out by size: A answers 507 part-way, the bytes
    // sent so far are replayed to B.
    byte[] content = random(800 * 1024);
    MultipartBody body = body("big.bin", content, Map.of());
    HttpResponse<String> response = StorageApi.uploadChunked(INGESTER, alice, body);
    assertEquals(201, response.statusCode(), response.body());
    JsonObject uploaded = Http.json(response);
    assertEquals("se-ing-b", uploaded.getString("storage_element_id"));
    assertEquals(
        StorageApi.sha256(content),
        StorageApi.downloadSha256(elementB.api(), admin, uploaded.getString("file_id")));
    assertTrue(
        metric("artstore_ingester_element_attempts", "se-ing-a", "result=\"full\"") > fullBefore);
    assertTrue(
        Files.notExists(elementA.dataDir) || leftovers(elementA.dataDir) == 0,
        "A kept nothing of the refused upload");
  }

  @Test
  @Order(9)
  void aStoppedElementIsExcludedAndItsBreakerOpensAndClosesAgain() {
    // A must be the ingester's first choice for a small file when it stops. Registry snapshots
    // are not enough to know: one taken while A still held the reservation of the upload it
    // refused (test 8) shows it full, and a newer one may come at any time from the periodic
    // sync. So: upload until the ingester puts a file on A.
    long ready = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String first = "";
    while (!first.equals("se-ing-a")) {
      if (System.nanoTime() > ready) {
        throw new AssertionError("the ingester never chose A again before it stopped");
      }
      Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
      awaitIngesterSees(s -> online(s, "se-ing-a") && availableOf(s, "se-ing-a") >= 64 * 1024);
      first =
          upload(alice, "before-a-stops.bin", random(4096), Map.of())
              .getString("storage_element_id");
    }
    // Killed rather than stopped: an orderly stop takes seconds, and admin's periodic health sync
    // may see A down meanwhile and publish it offline, so the ingester would never try it.
    elementA.kill9();
    for (int i = 0; i < 3; i++) {
      JsonObject uploaded = upload(alice, "while-a-stopped.bin", random(4096), Map.of());
      assertEquals("se-ing-b", uploaded.getString("storage_element_id"), "A is stopped");
    }
    assertEquals(1.0, metric("artstore_ingester_element_breaker_state", "se-ing-a", ""), "open");
    double failedBefore =
        metric("artstore_ingester_element_attempts", "se-ing-a", "result=\"failed\"");
    assertEquals(
        "se-ing-b",
        upload(alice, "breaker-open.bin", random(4096), Map.of()).getString("storage_element_id"));
    assertEquals(
        failedBefore,
        metric("artstore_ingester_element_attempts", "se-ing-a", "result=\"failed\""),
        "an open breaker skips A without a call");

    elementA.start();
    // The breaker lets a trial through once its open time (5 s in the tests) has passed.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String chosen = "";
    while (!chosen.equals("se-ing-a") && System.nanoTime() < deadline) {
      RunningSystem.sleep(1000);
      Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
      chosen = upload(alice, "a-back.bin", random(4096), Map.of()).getString("storage_element_id");
    }
    assertEquals("se-ing-a", chosen, "A is chosen again once it is back");
    assertEquals(0.0, metric("artstore_ingester_element_breaker_state", "se-ing-a", ""), "closed");
  }

  @Test
  @Order(10)
  void allFullIs507AndNoneLeftIs503WithRetryAfter() {
    // Take the system's edit element out of the choice: an operator moves it to a dead address.
    JsonObject page =
        Http.json(
            Http.get(ADMIN + "/storage-elements?mode=edit&limit=100", RunningSystem.asAdmin()));
    editRegistryId =
        page.getJsonArray("items").stream()
            .map(JsonValue::asJsonObject)
            .filter(e -> e.getString("element_id").equals("se-edit-1"))
            .findFirst()
            .orElseThrow()
            .getString("id");
    HttpResponse<String> moved =
        Http.method(
            "PUT",
            ADMIN + "/storage-elements/" + editRegistryId,
            "{\"api_url\":\"http://localhost:8099\"}",
            RunningSystem.asAdmin());
    assertEquals(200, moved.statusCode(), moved.body());
    Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
    awaitIngesterSees(
        s -> !online(s, "se-edit-1") && online(s, "se-ing-a") && online(s, "se-ing-b"));
    for (String other : otherWritableEditElements()) {
      throw new AssertionError("another edit element is online and would take the file: " + other);
    }

    // A and B are nearly full now: a file that fits neither is refused before any byte is stored.
    HttpResponse<String> full =
        StorageApi.upload(INGESTER, alice, "too-big.bin", random(700 * 1024), Map.of());
    assertProblem(full, 507, "STORAGE_FULL");

    elementA.stop();
    elementB.stop();
    HttpResponse<String> none =
        StorageApi.upload(INGESTER, alice, "none.bin", random(100), Map.of());
    assertProblem(none, 503, "NO_STORAGE_AVAILABLE");
    assertTrue(none.headers().firstValue("Retry-After").isPresent(), "Retry-After");

    HttpResponse<String> back =
        Http.method(
            "PUT",
            ADMIN + "/storage-elements/" + editRegistryId,
            "{\"api_url\":\"" + RunningSystem.url("storage-edit") + "\"}",
            RunningSystem.asAdmin());
    assertEquals(200, back.statusCode(), back.body());
    Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
    awaitIngesterSees(s -> online(s, "se-edit-1"));
    editRegistryId = null;
    assertEquals(
        201, StorageApi.upload(INGESTER, alice, "again.bin", random(100), Map.of()).statusCode());
  }

  @Test
  @Order(11)
  void compressionIsAppliedOnTheWayAndOriginalBytesComeBack() {
    byte[] text =
        "A line of a very compressible archive document.\n"
            .repeat(20_000)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    for (String algorithm : new String[] {"gzip", "zstd"}) {
      JsonObject uploaded =
          upload(alice, "compressible-" + algorithm + ".txt", text, Map.of("compress", algorithm));
      assertTrue(uploaded.getBoolean("compressed"), uploaded.toString());
      assertEquals(algorithm, uploaded.getString("compression"));
      assertEquals(text.length, uploaded.getJsonNumber("size_bytes").longValue());
      assertEquals(StorageApi.sha256(text), uploaded.getString("checksum"));
      String id = uploaded.getString("file_id");
      JsonObject record = registryRecord(id);
      assertEquals(algorithm, record.getString("compression"), "the registry keeps it too");
      assertTrue(
          record.getJsonNumber("stored_size_bytes").longValue() < text.length / 10,
          record.toString());
      assertEquals(
          StorageApi.sha256(text),
          StorageApi.downloadSha256(
              elementApi(uploaded.getString("storage_element_id")), admin, id),
          "the original bytes come back");
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  static JsonObject upload(String token, String name, byte[] content, Map<String, String> fields) {
    HttpResponse<String> response = StorageApi.upload(INGESTER, token, name, content, fields);
    assertEquals(201, response.statusCode(), response.body());
    return Http.json(response);
  }

  static HttpResponse<String> delete(String id, String token) {
    return Http.method(
        "DELETE",
        INGESTER + "/files/" + id,
        null,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  static JsonObject registryRecord(String id) {
    HttpResponse<String> response = Http.get(ADMIN + "/files/" + id, RunningSystem.asAdmin());
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  static JsonObject elementRecord(String elementId) {
    return Http.json(Http.get(ADMIN + "/storage-elements?limit=100", RunningSystem.asAdmin()))
        .getJsonArray("items")
        .stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> elementId.equals(e.getString("element_id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no element " + elementId));
  }

  static String elementApi(String elementId) {
    return elementRecord(elementId).getString("api_url") + "/api/v1";
  }

  private static void assertNothingRegisteredNamed(String name) {
    JsonObject page =
        Http.json(
            Http.get(ADMIN + "/files?uploaded_by=it-alice&limit=1000", RunningSystem.asAdmin()));
    assertFalse(
        page.getJsonArray("items").stream()
            .anyMatch(i -> name.equals(i.asJsonObject().getString("original_filename", ""))),
        name + " was registered");
  }

  static String register(StandaloneElement element) {
    HttpResponse<String> registered =
        Http.post(
            ADMIN + "/storage-elements",
            "{\"api_url\":\"" + element.url() + "\"}",
            RunningSystem.asAdmin());
    assertEquals(201, registered.statusCode(), registered.body());
    return Http.json(registered).getString("id");
  }

  private static Iterable<String> otherWritableEditElements() {
    JsonObject snapshot = internalSnapshot();
    return snapshot.getJsonArray("storage_elements").stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> e.getString("mode").equals("edit") && e.getString("status").equals("online"))
        .map(e -> e.getString("element_id"))
        .filter(id -> !id.equals("se-ing-a") && !id.equals("se-ing-b"))
        .toList();
  }

  private static JsonObject internalSnapshot() {
    return Http.json(Http.get(ADMIN + "/internal/storage-elements", RunningSystem.asAdmin()));
  }

  private static JsonObject find(JsonObject snapshot, String elementId) {
    return snapshot.getJsonArray("storage_elements").stream()
        .map(JsonValue::asJsonObject)
        .filter(e -> elementId.equals(e.getString("element_id")))
        .findFirst()
        .orElse(null);
  }

  static boolean online(JsonObject snapshot, String elementId) {
    JsonObject e = find(snapshot, elementId);
    return e != null && "online".equals(e.getString("status"));
  }

  static long availableOf(JsonObject snapshot, String elementId) {
    JsonObject e = find(snapshot, elementId);
    return e == null ? -1 : e.getJsonNumber("capacity_available_bytes").longValue();
  }

  static int priorityOf(JsonObject snapshot, String elementId) {
    JsonObject e = find(snapshot, elementId);
    return e == null ? -1 : e.getInt("priority");
  }

  /**
   * Waits until admin's registry satisfies the condition and the ingester holds a snapshot at least
   * that new.
   */
  private static void awaitIngesterSees(Predicate<JsonObject> condition) {
    awaitIngesterSees(INGESTER, condition);
  }

  static void awaitIngesterSees(String ingesterApi, Predicate<JsonObject> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonObject snapshot = internalSnapshot();
    while (!condition.test(snapshot)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("registry never got there: " + snapshot);
      }
      RunningSystem.sleep(500);
      Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
      snapshot = internalSnapshot();
    }
    long version = snapshot.getJsonNumber("version").longValue();
    while (true) {
      JsonObject status =
          Http.json(
              Http.get(
                  ingesterApi + "/status",
                  Map.of("Authorization", "Bearer " + RunningSystem.adminToken())));
      long held = status.getJsonObject("discovery").getJsonNumber("version").longValue();
      if (held >= version) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the ingester holds version " + held + ", not " + version);
      }
      RunningSystem.sleep(200);
    }
  }

  static double metric(String name, String elementId, String label) {
    for (String line : Http.get(RunningSystem.url("ingester") + "/metrics").body().split("\n")) {
      if (line.startsWith(name)
          && line.contains("element_id=\"" + elementId + "\"")
          && line.contains(label)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  private static long leftovers(Path dataDir) {
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("big_"))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static Map<String, String> orderedFields(String... kv) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      fields.put(kv[i], kv[i + 1]);
    }
    return fields;
  }

  private static MultipartBody body(String name, byte[] content, Map<String, String> fields) {
    MultipartBody body = new MultipartBody();
    fields.forEach(body::field);
    return body.file(name, "application/octet-stream", content).end();
  }

  private static HttpResponse<String> send(MultipartBody body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(INGESTER + "/files/upload"))
            .timeout(Duration.ofMinutes(2))
            .header("Authorization", "Bearer " + alice)
            .header("Content-Type", body.contentType())
            .POST(body.publisher());
    headers.forEach(request::header);
    try {
      return StorageApi.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response
            .headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        response.headers().toString());
    assertEquals(code, Http.json(response).getString("code"), response.body());
    assertFalse(response.body().contains("Exception"), "no internals: " + response.body());
  }

  private static void assertField(HttpResponse<String> response, String field) {
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"" + field + "\""), field + " named: " + response.body());
  }
}
