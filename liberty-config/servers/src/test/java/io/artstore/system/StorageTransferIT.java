package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import io.artstore.system.StorageCrashIT.SlowStream;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The storage element as a transfer participant (SPEC §3.6, §5.4; DECISIONS D40), on two standalone
 * elements: A ({@code edit}, port 8048) holds temporary files, B ({@code rw}, port 8049) receives
 * them as permanent ones — the finalize case. What a coordinator's XAResource does is done here by
 * hand: stage on B, prepare both, commit or roll back both; and B is killed with {@code kill -9}
 * after its prepare and during a staging.
 */
@Order(28)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageTransferIT {
  private static final long SIZE = 3L * 1024 * 1024 + 4321;
  private static final Duration REMOVAL_MARGIN = Duration.ofSeconds(8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static StandaloneElement a;
  private static StandaloneElement b;

  private static String admin;
  private static String user;

  @BeforeAll
  static void start() {
    RunningSystem.get();
    a =
        new StandaloneElement(
                "se-transfer-a",
                8048,
                "256m",
                Map.of(
                    "ARTSTORE_SE_MODE",
                    "edit",
                    "ARTSTORE_SE_TRANSFER_REMOVAL_MARGIN",
                    "PT" + REMOVAL_MARGIN.toSeconds() + "S"))
            .start();
    b = elementB(Map.of()).start();
  }

  private static StandaloneElement elementB(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ARTSTORE_SE_MODE", "rw");
    env.putAll(extra);
    return new StandaloneElement("se-transfer-b", 8049, "256m", env);
  }

  @AfterAll
  static void stop() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @BeforeEach
  void tokens() {
    admin = RunningSystem.adminToken();
    TestTokens tokens = RunningSystem.get().tokens();
    user =
        tokens.principal(
            java.util.UUID.randomUUID().toString(),
            "sa_it_transfer_user",
            "service_account",
            "USER");
  }

  // ------------------------------------------------------------------ the happy path

  @Test
  @Order(1)
  void aFileMovesFromAToBWithItsIdBytesAndAttributes() throws Exception {
    JsonObject source = uploadToA(11, SIZE);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");
    long aFiles = fileCount(a);
    long bFiles = fileCount(b);
    String target = branchId();
    String from = branchId();

    HttpResponse<String> staged =
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 11, SIZE);
    assertEquals(201, staged.statusCode(), staged.body());
    JsonObject stagedJson = Http.json(staged);
    assertEquals(target, stagedJson.getString("branch"));
    assertEquals(fileId, stagedJson.getString("file_id"));
    assertEquals("target", stagedJson.getString("role"));
    assertEquals("staged", stagedJson.getString("state"));
    assertEquals(SIZE, stagedJson.getJsonNumber("size_bytes").longValue());
    assertEquals(sha, stagedJson.getString("checksum"));
    assertTrue(
        staged.headers().firstValue("Location").orElse("").endsWith("/api/v1/transfers/" + target));

    // Staged is invisible: no read, no listing, no count, no cache row; the bytes are in staging.
    assertEquals(404, getFile(b, fileId).statusCode());
    assertFalse(listedIds(b).contains(fileId));
    assertEquals(bFiles, fileCount(b));
    assertEquals(1, stagingFiles(b).size(), stagingFiles(b).toString());

    assertPrepared(prepare(b, admin, target, "target", fileId, null), target, "target", fileId);
    assertPrepared(
        prepare(a, admin, from, "source", fileId, (long) source.getInt("version")),
        from,
        "source",
        fileId);
    // Prepare again: the same answer.
    assertPrepared(prepare(b, admin, target, "target", fileId, null), target, "target", fileId);
    assertPrepared(prepare(a, admin, from, "source", fileId, null), from, "source", fileId);
    // While prepared, the source's file is locked against changes.
    assertProblem(
        Http.method(
            "PATCH",
            a.api() + "/files/" + fileId,
            "{\"description\":\"changed\"}",
            StorageApi.bearer(admin)),
        409,
        "CONFLICT");

    HttpResponse<String> committedB = post(b, admin, "/transfers/" + target + "/commit");
    assertEquals(200, committedB.statusCode(), committedB.body());
    assertEquals("committed", Http.json(committedB).getString("state"));
    HttpResponse<String> committedA = post(a, admin, "/transfers/" + from + "/commit");
    assertEquals(200, committedA.statusCode(), committedA.body());
    assertEquals("committed", Http.json(committedA).getString("state"));

    // B serves the file: same id, bytes and attributes; permanent now.
    assertEquals(sha, StorageApi.downloadSha256(b.api(), admin, fileId));
    JsonObject moved = Http.json(getFile(b, fileId));
    for (String field :
        List.of(
            "file_id",
            "original_filename",
            "content_type",
            "size_bytes",
            "checksum",
            "created_at",
            "uploaded_by",
            "description",
            "tags",
            "metadata")) {
      assertEquals(source.get(field), moved.get(field), field);
    }
    assertEquals("permanent", moved.getString("retention_policy"));
    assertTrue(!moved.containsKey("expires_at") || moved.isNull("expires_at"), moved.toString());
    assertEquals("active", moved.getString("status"));
    assertEquals("se-transfer-b", moved.getString("storage_element_id"));
    assertEquals(source.getInt("version") + 1, moved.getInt("version"));
    assertTrue(listedIds(b).contains(fileId));
    assertEquals(bFiles + 1, fileCount(b));
    assertEquals(List.of(), stagingFiles(b), "nothing staged after the commit");

    // A: gone for readers and listings, not counted, still on disk (status transferred).
    assertEquals(404, getFile(a, fileId).statusCode());
    assertEquals(
        404,
        StorageApi.download(a.api(), admin, fileId, Map.of()).statusCode(),
        "no download of the transferred copy");
    assertFalse(listedIds(a).contains(fileId));
    assertEquals(aFiles - 1, fileCount(a));
    JsonObject exists = Http.json(Http.get(a.api() + "/gc/" + fileId + "/exists", bearer(admin)));
    assertTrue(exists.getBoolean("exists"));
    assertEquals("transferred", exists.getString("status"));
    String attr = attrJson(a, fileId);
    assertTrue(attr.contains("\"status\": \"transferred\""), attr);
    assertTrue(attr.contains("\"transferred_at\""), attr);

    // Idempotent commit, no rollback of a committed branch.
    assertEquals(200, post(b, admin, "/transfers/" + target + "/commit").statusCode());
    assertEquals(200, post(a, admin, "/transfers/" + from + "/commit").statusCode());
    assertProblem(post(b, admin, "/transfers/" + target + "/rollback"), 409, "CONFLICT");
    assertProblem(post(a, admin, "/transfers/" + from + "/rollback"), 409, "CONFLICT");

    // GC: not before the margin, then the copy goes.
    assertProblem(
        Http.method("DELETE", a.api() + "/gc/" + fileId, null, bearer(admin)),
        409,
        "RETENTION_LOCKED");
    RunningSystem.sleep(REMOVAL_MARGIN.toMillis() + 500);
    HttpResponse<String> purged =
        Http.method("DELETE", a.api() + "/gc/" + fileId, null, bearer(admin));
    assertEquals(204, purged.statusCode(), purged.body());
    exists = Http.json(Http.get(a.api() + "/gc/" + fileId + "/exists", bearer(admin)));
    assertFalse(exists.getBoolean("exists"));
    assertEquals(aFiles - 1, fileCount(a));
    JsonObject consistency = Http.json(Http.get(a.api() + "/cache/consistency", bearer(admin)));
    assertTrue(consistency.getBoolean("consistent"), consistency.toString());
    consistency = Http.json(Http.get(b.api() + "/cache/consistency", bearer(admin)));
    assertTrue(consistency.getBoolean("consistent"), consistency.toString());

    assertTrue(metric(b, "artstore_se_transfer_branches{", "state=\"committed\"") >= 1);
    assertTrue(
        metric(b, "artstore_se_operations_total{", "op=\"transfer_commit\"", "result=\"ok\"") >= 1);
    assertTrue(
        metric(a, "artstore_se_operations_total{", "op=\"transfer_prepare\"", "result=\"yes\"")
            >= 1);
  }

  // ------------------------------------------------------------------ refusals and rollback

  @Test
  @Order(2)
  void aChecksumMismatchStagesNothing() {
    JsonObject source = uploadToA(12, 200_000);
    String fileId = source.getString("file_id");
    String branch = branchId();
    String wrong = "0".repeat(64);

    HttpResponse<String> staged =
        stage(b, admin, branch, fileId, documentOnA(fileId), "permanent", wrong, 12, 200_000);
    assertProblem(staged, 400, "CHECKSUM_MISMATCH");
    assertEquals(404, Http.get(b.api() + "/transfers/" + branch, bearer(admin)).statusCode());
    assertEquals(List.of(), stagingFiles(b));
    assertEquals(List.of(), temporaries(b));
    assertFalse(listedIds(b).contains(fileId));
    assertProblem(prepare(b, admin, branch, "target", fileId, null), 409, "CONFLICT");
  }

  @Test
  @Order(3)
  void rollbackAfterPrepareLeavesTheSourceActiveAndNoTraceOnTheTarget() {
    JsonObject source = uploadToA(13, 700_000);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");
    long bFiles = fileCount(b);
    long bUsed = usedBytes(b);
    String target = branchId();
    String from = branchId();

    assertEquals(
        201,
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 13, 700_000)
            .statusCode());
    // Staging the same branch again replaces the copy.
    assertEquals(
        201,
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 13, 700_000)
            .statusCode());
    assertEquals(1, stagingFiles(b).size());
    assertPrepared(prepare(b, admin, target, "target", fileId, null), target, "target", fileId);
    assertPrepared(prepare(a, admin, from, "source", fileId, null), from, "source", fileId);
    // A prepared branch cannot be staged again.
    assertProblem(
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 13, 700_000),
        409,
        "CONFLICT");

    for (StandaloneElement element : List.of(b, a)) {
      String branch = element == b ? target : from;
      HttpResponse<String> rolledBack = post(element, admin, "/transfers/" + branch + "/rollback");
      assertEquals(200, rolledBack.statusCode(), rolledBack.body());
      assertEquals("rolled_back", Http.json(rolledBack).getString("state"));
      // Idempotent; commit afterwards refused.
      assertEquals(200, post(element, admin, "/transfers/" + branch + "/rollback").statusCode());
      assertProblem(post(element, admin, "/transfers/" + branch + "/commit"), 409, "CONFLICT");
    }

    assertEquals(sha, StorageApi.downloadSha256(a.api(), admin, fileId), "A still serves it");
    assertEquals("active", Http.json(getFile(a, fileId)).getString("status"));
    assertTrue(listedIds(a).contains(fileId));
    HttpResponse<String> patched =
        Http.method(
            "PATCH",
            a.api() + "/files/" + fileId,
            "{\"description\":\"unlocked\"}",
            StorageApi.bearer(admin));
    assertEquals(200, patched.statusCode(), "the source's lock is gone: " + patched.body());

    assertEquals(404, getFile(b, fileId).statusCode());
    assertFalse(listedIds(b).contains(fileId));
    assertEquals(bFiles, fileCount(b));
    assertEquals(bUsed, usedBytes(b));
    assertEquals(List.of(), stagingFiles(b));
    assertEquals(
        "rolled_back",
        Http.json(Http.get(b.api() + "/transfers/" + target, bearer(admin))).getString("state"));

    // Unknown branches: rollback 200, commit 409, prepare of a target without a copy 409.
    String unknown = branchId();
    HttpResponse<String> rollbackUnknown = post(b, admin, "/transfers/" + unknown + "/rollback");
    assertEquals(200, rollbackUnknown.statusCode(), rollbackUnknown.body());
    assertEquals("rolled_back", Http.json(rollbackUnknown).getString("state"));
    assertProblem(post(b, admin, "/transfers/" + unknown + "/commit"), 409, "CONFLICT");
    assertProblem(prepare(b, admin, unknown, "target", fileId, null), 409, "CONFLICT");

    // A staged but never prepared branch cannot be committed.
    String unprepared = branchId();
    assertEquals(
        201,
        stage(b, admin, unprepared, fileId, documentOnA(fileId), "permanent", sha, 13, 700_000)
            .statusCode());
    assertProblem(post(b, admin, "/transfers/" + unprepared + "/commit"), 409, "CONFLICT");
    assertEquals(200, post(b, admin, "/transfers/" + unprepared + "/rollback").statusCode());
    assertEquals(List.of(), stagingFiles(b));
  }

  @Test
  @Order(4)
  void modesAndConflictsDecideWhereACopyMayGo() {
    JsonObject source = uploadToA(14, 50_000);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");

    // An edit element takes no permanent file.
    assertProblem(
        stage(a, admin, branchId(), fileId, documentOnA(fileId), "permanent", sha, 14, 50_000),
        409,
        "MODE_NOT_ALLOWED");
    // An rw element takes no temporary file (the document's own retention when none is given).
    assertProblem(
        stage(b, admin, branchId(), fileId, documentOnA(fileId), null, sha, 14, 50_000),
        409,
        "MODE_NOT_ALLOWED");
    // A file already on the element is a conflict.
    assertProblem(
        stage(a, admin, branchId(), fileId, documentOnA(fileId), "temporary", sha, 14, 50_000),
        409,
        "CONFLICT");
    // A source without the file votes no, and says the same again.
    String missing = branchId();
    String absentId = java.util.UUID.randomUUID().toString();
    assertProblem(prepare(a, admin, missing, "source", absentId, null), 409, "CONFLICT");
    assertProblem(prepare(a, admin, missing, "source", absentId, null), 409, "CONFLICT");
    // A source whose file changed since it was copied votes no.
    assertProblem(prepare(a, admin, branchId(), "source", fileId, 99L), 409, "CONFLICT");
    // Two branches cannot hold the same source file.
    String first = branchId();
    assertPrepared(prepare(a, admin, first, "source", fileId, null), first, "source", fileId);
    assertProblem(prepare(a, admin, branchId(), "source", fileId, null), 409, "CONFLICT");
    assertEquals(200, post(a, admin, "/transfers/" + first + "/rollback").statusCode());
    // Bad input.
    assertProblem(prepare(a, admin, "bad=branch", "source", fileId, null), 400, "VALIDATION_ERROR");
    assertProblem(
        prepare(a, admin, "x".repeat(201), "source", fileId, null), 400, "VALIDATION_ERROR");
    assertProblem(prepare(a, admin, branchId(), "middle", fileId, null), 400, "VALIDATION_ERROR");
    assertProblem(
        Http.get(a.api() + "/transfers?state=weird", bearer(admin)), 400, "VALIDATION_ERROR");
  }

  // ------------------------------------------------------------------ the auth matrix

  @Test
  @Order(5)
  void onlyAdminServiceAccountsTakePart() {
    String unknown = branchId();
    Map<String, Supplier<HttpResponse<String>>> user = endpoints(unknown, StorageTransferIT.user);
    Map<String, Supplier<HttpResponse<String>>> none = endpoints(unknown, null);
    Map<String, Supplier<HttpResponse<String>>> bad = endpoints(unknown, "not.a.token");
    for (String endpoint : user.keySet()) {
      assertProblem(user.get(endpoint).get(), 403, "FORBIDDEN");
      assertEquals(401, none.get(endpoint).get().statusCode(), endpoint);
      assertEquals(401, bad.get(endpoint).get().statusCode(), endpoint);
    }
    // The ADMIN service account: each endpoint 2xx, on a small file moved A -> B.
    JsonObject source = uploadToA(15, 1000);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");
    String target = branchId();
    String from = branchId();
    assertEquals(
        201,
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 15, 1000)
            .statusCode());
    assertEquals(200, prepare(b, admin, target, "target", fileId, null).statusCode());
    assertEquals(200, prepare(a, admin, from, "source", fileId, null).statusCode());
    assertEquals(200, Http.get(b.api() + "/transfers/" + target, bearer(admin)).statusCode());
    HttpResponse<String> recover = Http.get(b.api() + "/transfers?state=prepared", bearer(admin));
    assertEquals(200, recover.statusCode());
    assertTrue(branchesIn(recover).contains(target), recover.body());
    assertEquals(200, post(b, admin, "/transfers/" + target + "/commit").statusCode());
    assertEquals(200, post(a, admin, "/transfers/" + from + "/commit").statusCode());
    assertEquals(200, post(b, admin, "/transfers/" + branchId() + "/rollback").statusCode());
    assertEquals(sha, StorageApi.downloadSha256(b.api(), admin, fileId));

    String openapi = Http.get(b.url() + "/openapi").body();
    for (String path :
        List.of(
            "/api/v1/transfers/{branch}/staged:",
            "/api/v1/transfers/{branch}/prepare:",
            "/api/v1/transfers/{branch}/commit:",
            "/api/v1/transfers/{branch}/rollback:",
            "/api/v1/transfers/{branch}:",
            "/api/v1/transfers:")) {
      assertTrue(openapi.contains(path), "OpenAPI lacks " + path);
    }
    assertTrue(openapi.contains("        refusal_code:"), "snake_case schema of a branch");
  }

  private Map<String, Supplier<HttpResponse<String>>> endpoints(String branch, String token) {
    Map<String, Supplier<HttpResponse<String>>> calls = new LinkedHashMap<>();
    String fileId = java.util.UUID.randomUUID().toString();
    calls.put(
        "PUT staged",
        () -> stage(b, token, branch, fileId, "{}", "permanent", "0".repeat(64), 16, 1000));
    calls.put("POST prepare", () -> prepare(b, token, branch, "target", fileId, null));
    calls.put("POST commit", () -> post(b, token, "/transfers/" + branch + "/commit"));
    calls.put("POST rollback", () -> post(b, token, "/transfers/" + branch + "/rollback"));
    calls.put(
        "GET transfers", () -> Http.get(b.api() + "/transfers?state=prepared", bearer(token)));
    calls.put("GET transfer", () -> Http.get(b.api() + "/transfers/" + branch, bearer(token)));
    return calls;
  }

  // ------------------------------------------------------------------ kill -9

  @Test
  @Order(6)
  void aTargetKilledAfterPrepareIsStillPreparedAfterItsRestartAndCommits() {
    JsonObject source = uploadToA(17, SIZE);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");
    String target = branchId();
    String from = branchId();
    assertEquals(
        201,
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 17, SIZE)
            .statusCode());
    assertEquals(200, prepare(b, admin, target, "target", fileId, null).statusCode());
    assertEquals(200, prepare(a, admin, from, "source", fileId, null).statusCode());

    b.kill9();
    b.start();

    HttpResponse<String> recover = Http.get(b.api() + "/transfers?state=prepared", bearer(admin));
    assertEquals(200, recover.statusCode(), recover.body());
    JsonObject branch = null;
    for (JsonValue item : Http.json(recover).getJsonArray("items")) {
      if (item.asJsonObject().getString("branch").equals(target)) {
        branch = item.asJsonObject();
      }
    }
    assertNotNull(branch, "the prepared branch survived kill -9: " + recover.body());
    assertEquals("target", branch.getString("role"));
    assertEquals(fileId, branch.getString("file_id"));
    assertEquals("prepared", branch.getString("state"));
    assertNotNull(branch.getString("prepared_at"));
    assertEquals(404, getFile(b, fileId).statusCode(), "still invisible: never resolved alone");
    assertEquals(1, stagingFiles(b).size());

    assertEquals(200, post(b, admin, "/transfers/" + target + "/commit").statusCode());
    assertEquals(200, post(a, admin, "/transfers/" + from + "/commit").statusCode());
    assertEquals(sha, StorageApi.downloadSha256(b.api(), admin, fileId));
    assertEquals(404, getFile(a, fileId).statusCode());
    assertFalse(
        branchesIn(Http.get(b.api() + "/transfers?state=prepared", bearer(admin)))
            .contains(target));
    assertEquals(List.of(), stagingFiles(b));
  }

  @Test
  @Order(7)
  void stagingInterruptedByKillOrNeverPreparedIsRemoved() throws Exception {
    b.stop();
    b = elementB(Map.of("ARTSTORE_SE_STAGING_TTL", "PT4S")).start();

    JsonObject source = uploadToA(18, SIZE);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");
    String document = documentOnA(fileId);
    JsonObject other = uploadToA(19, 100_000);
    String otherId = other.getString("file_id");

    // One staged copy nobody prepares...
    String abandoned = branchId();
    assertEquals(
        201,
        stage(
                b,
                admin,
                abandoned,
                otherId,
                documentOnA(otherId),
                "permanent",
                other.getJsonObject("checksum").getString("value"),
                19,
                100_000)
            .statusCode());
    // ... and one staging still streaming when the element dies.
    String interrupted = branchId();
    CompletableFuture<Void> slow =
        CompletableFuture.runAsync(
            () -> {
              try {
                stageSlowly(b, admin, interrupted, fileId, document, sha, 18, SIZE);
              } catch (RuntimeException e) {
                // the connection dies with the process
              }
            });
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!stagingDirOf(b, interrupted).map(StorageTransferIT::hasFiles).orElse(false)) {
      assertTrue(System.nanoTime() < deadline, "the slow staging never started");
      RunningSystem.sleep(100);
    }
    b.kill9();
    slow.join();
    assertTrue(
        Files.exists(b.dataDir.resolve(".transfers").resolve(interrupted + ".json")),
        "the kill interrupted a staging; the test proved nothing");

    b.start();
    assertEquals(
        404,
        Http.get(b.api() + "/transfers/" + interrupted, bearer(admin)).statusCode(),
        "an interrupted staging is dropped at start-up");
    assertFalse(stagingDirOf(b, interrupted).map(StorageTransferIT::hasFiles).orElse(false));
    assertEquals(List.of(), temporaries(b));

    // The complete but unprepared copy goes once the staging TTL has passed.
    deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!stagingFiles(b).isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "abandoned staging stays: " + stagingFiles(b));
      RunningSystem.sleep(250);
    }
    assertEquals(
        "rolled_back",
        Http.json(Http.get(b.api() + "/transfers/" + abandoned, bearer(admin))).getString("state"));
    assertProblem(prepare(b, admin, abandoned, "target", otherId, null), 409, "CONFLICT");
    assertEquals(
        List.of(),
        branchesIn(Http.get(b.api() + "/transfers?state=staged", bearer(admin))),
        "nothing staged remains");
    assertFalse(listedIds(b).contains(fileId));
    assertFalse(listedIds(b).contains(otherId));
    assertEquals(sha, StorageApi.downloadSha256(a.api(), admin, fileId), "A still has it");
  }

  // ------------------------------------------------------------------ a closed target, a closed
  // source

  @Test
  @Order(8)
  void anRoElementReceivesNothingButMayStillHandAFileOver() {
    // A file on B, moved there earlier in a transfer.
    JsonObject source = uploadToA(20, 2000);
    String fileId = source.getString("file_id");
    String sha = source.getJsonObject("checksum").getString("value");
    String target = branchId();
    String from = branchId();
    assertEquals(
        201,
        stage(b, admin, target, fileId, documentOnA(fileId), "permanent", sha, 20, 2000)
            .statusCode());
    assertEquals(200, prepare(b, admin, target, "target", fileId, null).statusCode());
    assertEquals(200, prepare(a, admin, from, "source", fileId, null).statusCode());
    assertEquals(200, post(b, admin, "/transfers/" + target + "/commit").statusCode());
    assertEquals(200, post(a, admin, "/transfers/" + from + "/commit").statusCode());

    HttpResponse<String> closed =
        Http.method(
            "POST",
            b.api() + "/mode/transition",
            "{\"target_mode\":\"ro\"}",
            StorageApi.bearer(admin));
    assertEquals(200, closed.statusCode(), closed.body());

    JsonObject another = uploadToA(21, 2000);
    String anotherId = another.getString("file_id");
    assertProblem(
        stage(
            b,
            admin,
            branchId(),
            anotherId,
            documentOnA(anotherId),
            "permanent",
            another.getJsonObject("checksum").getString("value"),
            21,
            2000),
        409,
        "MODE_NOT_ALLOWED");

    // As a source, an ro element votes yes; rolled back, the file stays as it was.
    String out = branchId();
    assertPrepared(prepare(b, admin, out, "source", fileId, null), out, "source", fileId);
    assertEquals(200, post(b, admin, "/transfers/" + out + "/rollback").statusCode());
    assertEquals(sha, StorageApi.downloadSha256(b.api(), admin, fileId));
    assertEquals(List.of(), stagingFiles(b));
  }

  // ------------------------------------------------------------------ helpers

  private static String branchId() {
    byte[] xid = new byte[27];
    RANDOM.nextBytes(xid);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(xid);
  }

  private static Map<String, String> bearer(String token) {
    return token == null ? Map.of() : StorageApi.bearer(token);
  }

  /** A temporary file on A: seeded bytes, a description, tags and metadata. */
  private static JsonObject uploadToA(int seed, long size) {
    MultipartBody body =
        new MultipartBody()
            .field("description", "transfer seed " + seed)
            .field("tags", "[\"transfer\",\"seed-" + seed + "\"]")
            .field("metadata", "{\"case\":\"" + seed + "\",\"department\":\"Бухгалтерия\"}")
            .file(
                "Отчёт " + seed + ".bin",
                "application/x-seed",
                size,
                () -> new SlowStream(seed, size, 0))
            .end();
    HttpResponse<String> response = StorageApi.upload(a.api(), admin, body);
    assertEquals(201, response.statusCode(), response.body());
    JsonObject file = Http.json(response);
    assertEquals("temporary", file.getString("retention_policy"));
    return file;
  }

  /** The source's attr.json document, as a coordinator reads it from A. */
  private static String documentOnA(String fileId) {
    HttpResponse<String> response = getFile(a, fileId);
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private static HttpResponse<String> getFile(StandaloneElement element, String fileId) {
    return Http.get(element.api() + "/files/" + fileId, bearer(admin));
  }

  private static HttpResponse<String> stage(
      StandaloneElement element,
      String token,
      String branch,
      String fileId,
      String document,
      String retention,
      String checksum,
      int seed,
      long size) {
    MultipartBody body = new MultipartBody().field("file_id", fileId).field("document", document);
    if (retention != null) {
      body.field("retention_policy", retention);
    }
    body.file("copy.bin", "application/octet-stream", size, () -> new SlowStream(seed, size, 0))
        .field("checksum", checksum)
        .end();
    return put(element, token, branch, body, body.publisher());
  }

  private static void stageSlowly(
      StandaloneElement element,
      String token,
      String branch,
      String fileId,
      String document,
      String checksum,
      int seed,
      long size) {
    MultipartBody body =
        new MultipartBody()
            .field("file_id", fileId)
            .field("document", document)
            .field("retention_policy", "permanent")
            .file(
                "copy.bin", "application/octet-stream", size, () -> new SlowStream(seed, size, 150))
            .field("checksum", checksum)
            .end();
    put(element, token, branch, body, body.publisher());
  }

  private static HttpResponse<String> put(
      StandaloneElement element,
      String token,
      String branch,
      MultipartBody body,
      HttpRequest.BodyPublisher publisher) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(element.api() + "/transfers/" + branch + "/staged"))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", body.contentType())
            .PUT(publisher);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return StorageApi.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> prepare(
      StandaloneElement element,
      String token,
      String branch,
      String role,
      String fileId,
      Long version) {
    String json =
        "{\"role\":\""
            + role
            + "\",\"file_id\":\""
            + fileId
            + "\""
            + (version == null ? "" : ",\"version\":" + version)
            + "}";
    return Http.method(
        "POST", element.api() + "/transfers/" + branch + "/prepare", json, bearer(token));
  }

  private static HttpResponse<String> post(StandaloneElement element, String token, String path) {
    return Http.method("POST", element.api() + path, null, bearer(token));
  }

  private static void assertPrepared(
      HttpResponse<String> response, String branch, String role, String fileId) {
    assertEquals(200, response.statusCode(), response.body());
    JsonObject json = Http.json(response);
    assertEquals(branch, json.getString("branch"));
    assertEquals(role, json.getString("role"));
    assertEquals(fileId, json.getString("file_id"));
    assertEquals("prepared", json.getString("state"));
    assertNotNull(json.getString("prepared_at"));
  }

  private static List<String> branchesIn(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    List<String> ids = new ArrayList<>();
    for (JsonValue item : Http.json(response).getJsonArray("items")) {
      ids.add(item.asJsonObject().getString("branch"));
    }
    return ids;
  }

  private static Set<String> listedIds(StandaloneElement element) {
    HttpResponse<String> list = Http.get(element.api() + "/files?limit=1000", bearer(admin));
    assertEquals(200, list.statusCode(), list.body());
    Set<String> ids = new java.util.HashSet<>();
    for (JsonValue item : Http.json(list).getJsonArray("items")) {
      ids.add(item.asJsonObject().getString("file_id"));
    }
    assertEquals(ids.size(), Http.json(list).getInt("total"), "total counts the listed files");
    return ids;
  }

  private static long fileCount(StandaloneElement element) {
    return Http.json(Http.get(element.url() + "/api/v1/info"))
        .getJsonNumber("file_count")
        .longValue();
  }

  private static long usedBytes(StandaloneElement element) {
    return Http.json(Http.get(element.url() + "/api/v1/info"))
        .getJsonObject("capacity")
        .getJsonNumber("used_bytes")
        .longValue();
  }

  /** Regular files in the element's staging area (copies and their temporaries). */
  private static List<String> stagingFiles(StandaloneElement element) {
    Path staging = element.dataDir.resolve(".staging");
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.util.Optional<Path> stagingDirOf(StandaloneElement element, String branch) {
    Path dir = element.dataDir.resolve(".staging").resolve(branch);
    return Files.isDirectory(dir) ? java.util.Optional.of(dir) : java.util.Optional.empty();
  }

  private static boolean hasFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(Files::isRegularFile);
    } catch (IOException e) {
      return false; // removed meanwhile
    }
  }

  /** Temporary files anywhere under the data root. */
  private static List<String> temporaries(StandaloneElement element) {
    try {
      return StorageCrashIT.leftovers(element.dataDir).stream()
          .filter(p -> p.contains(".tmp-"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The attr.json of a file on the element's disk, found through its id index. */
  private static String attrJson(StandaloneElement element, String fileId) throws IOException {
    Path link = element.dataDir.resolve(".ids").resolve(fileId.substring(0, 2)).resolve(fileId);
    String key = Files.readSymbolicLink(link).toString();
    return Files.readString(element.dataDir.resolve(key + ".attr.json"));
  }

  /** The value of the first metric line with that prefix containing every label. */
  private static double metric(StandaloneElement element, String prefix, String... labels) {
    for (String line : Http.get(element.url() + "/metrics").body().split("\n")) {
      if (line.startsWith(prefix) && Stream.of(labels).allMatch(line::contains)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no metric " + prefix + " " + List.of(labels));
  }
}
