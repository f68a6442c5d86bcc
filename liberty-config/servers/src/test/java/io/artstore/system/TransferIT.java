package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Transfers and finalize with JTA two-phase commit (SPEC §5.4, DECISIONS D41), against real
 * servers: an edit and an rw element of the test's own (registered in the system's registry, out of
 * the ingester's choice) and a second admin replica ({@code admin-tx}, the coordinator, with its
 * own transaction recovery log) on the system's database. The fault tests stop the coordinator at a
 * precise point of two-phase commit (its test-only switch halts the JVM like {@code kill -9}),
 * {@code kill -9} elements after prepare, and cut the registry's database connections, then restart
 * what they stopped; each ends with the invariant: active on exactly one element, the registry
 * points there, the bytes match, nothing prepared anywhere (PostgreSQL, either element) and no
 * staged copy left.
 */
@Order(90)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransferIT {
  static final String ADMIN = IngestIT.ADMIN;
  static final String QUERY = RunningSystem.url("query") + "/api/v1";
  static final int COORDINATOR_PORT = 8050;
  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static final int COORDINATOR_HEAP_MIB = 160;

  /** How long the coordinator waits before its first commit call in the pause tests. */
  private static final Duration PAUSE = Duration.ofSeconds(15);

  /**
   * Finalize names the test's rw element: left to choose, admin would take the system's own rw
   * element while it is still rw (when this class runs alone).
   */
  private static final String TO_RW = "{\"target_storage_element_id\":\"se-tx-rw\"}";

  private static StandaloneElement edit;
  private static StandaloneElement rw;
  private static StandaloneServer coordinator;
  private static final List<String> registryIds = new ArrayList<>();
  private static String admin;
  private static String owner;
  private static String ownerSubject;
  private static TestTokens tokens;

  @BeforeAll
  static void start() {
    RunningSystem.get();
    admin = RunningSystem.adminToken();
    tokens = RunningSystem.get().tokens();
    ownerSubject = java.util.UUID.randomUUID().toString();
    owner = tokens.principal(ownerSubject, "sa_it_tx_owner", "service_account", "USER");
    edit =
        new StandaloneElement(
                "se-tx-edit",
                8051,
                "256m",
                Map.of("ARTSTORE_SE_MODE", "edit", "ARTSTORE_SE_TRANSFER_REMOVAL_MARGIN", "PT1S"))
            .start();
    rw = new StandaloneElement("se-tx-rw", 8052, "256m", Map.of("ARTSTORE_SE_MODE", "rw")).start();
    for (StandaloneElement element : List.of(edit, rw)) {
      String id = IngestIT.register(element);
      registryIds.add(id);
      // Out of the ingester's choice: the system's other tests never land here.
      HttpResponse<String> moved =
          Http.method(
              "PUT",
              ADMIN + "/storage-elements/" + id,
              "{\"priority\":1000000}",
              RunningSystem.asAdmin());
      assertEquals(200, moved.statusCode(), moved.body());
    }
    coordinator = startCoordinator(null);
  }

  @AfterAll
  static void stop() {
    if (coordinator != null) {
      coordinator.stop();
    }
    for (StandaloneElement element : new StandaloneElement[] {edit, rw}) {
      if (element != null) {
        element.stop();
      }
    }
    for (String id : registryIds) {
      // Emptied elements leave the registry; one still holding files stays, out of the choice.
      Http.method("DELETE", ADMIN + "/storage-elements/" + id, null, RunningSystem.asAdmin());
    }
  }

  /** The registry sees the test's elements as they are now (a restarted one online again). */
  @BeforeEach
  void elementsSynced() {
    for (String id : registryIds) {
      Http.post(ADMIN + "/storage-elements/" + id + "/sync", "{}", RunningSystem.asAdmin());
    }
  }

  @AfterEach
  void nothingInDoubt() {
    awaitTrue("nothing prepared anywhere", this::nothingPrepared);
  }

  /** The coordinator replica, with the fault-injection switch set (or not). */
  private static StandaloneServer startCoordinator(String fault) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ARTSTORE_DB_SCHEMA", "admin");
    if (fault != null) {
      settings.put("ARTSTORE_FAULT_INJECTION", fault);
    }
    return new StandaloneServer(
            "admin", "admin-tx", COORDINATOR_PORT, COORDINATOR_HEAP_MIB + "m", settings)
        .start();
  }

  private static String coordinatorApi() {
    return "http://localhost:" + COORDINATOR_PORT + "/api/v1";
  }

  // ------------------------------------------------------------------ happy paths

  @Test
  @Order(1)
  void finalizeMovesATemporaryFileToAnRwElementWithEverythingButItsPlaceUnchanged()
      throws Exception {
    byte[] content = IngestIT.random(3 * 1024 * 1024 + 17);
    JsonObject before = temporaryOnEdit("Финальный отчёт.pdf", content, "application/pdf");
    String id = before.getString("file_id");

    HttpResponse<String> finalized =
        Http.post(coordinatorApi() + "/files/" + id + "/finalize", TO_RW, asOwner());
    assertEquals(200, finalized.statusCode(), finalized.body());
    JsonObject after = Http.json(finalized);
    assertEquals(id, after.getString("file_id"));
    assertEquals("se-tx-rw", after.getString("storage_element_id"));
    assertEquals("permanent", after.getString("retention_policy"));
    assertFalse(after.containsKey("expires_at") && !after.isNull("expires_at"), after.toString());
    for (String same : List.of("original_filename", "content_type", "description", "created_at")) {
      assertEquals(before.get(same), after.get(same), same);
    }
    assertEquals(before.getJsonObject("checksum"), after.getJsonObject("checksum"));
    assertEquals(before.getJsonObject("metadata"), after.getJsonObject("metadata"));
    assertEquals(before.getJsonArray("tags"), after.getJsonArray("tags"));
    assertEquals(before.getInt("version") + 1, after.getInt("version"));

    String transferId = finalized.headers().firstValue("X-Transfer-Id").orElseThrow();
    JsonObject transfer =
        Http.json(Http.get(coordinatorApi() + "/transfers/" + transferId, asOwner()));
    assertEquals("finalize", transfer.getString("kind"));
    assertEquals("completed", transfer.getString("state"));
    assertEquals("committed", transfer.getJsonArray("items").getJsonObject(0).getString("state"));

    assertInvariant(id, rw, edit, StorageApi.sha256(content));
    // The event, and search and download through query from the new place.
    awaitTrue(
        "file.transferred in the event stream",
        () -> RedisProbe.eventTypes(id).contains("file.transferred"));
    awaitTrue(
        "query finds it on se-tx-rw",
        () -> {
          HttpResponse<String> meta = Http.get(QUERY + "/files/" + id, asOwner());
          return meta.statusCode() == 200
              && Http.json(meta).getString("storage_element_id").equals("se-tx-rw");
        });
    assertEquals(
        StorageApi.sha256(content),
        StorageApi.sha256(StorageApi.download(QUERY, owner, id, Map.of()).body()),
        "downloaded through query");

    // The edit element's copy goes with GC (its margin here is 1 s).
    Thread.sleep(1100);
    HttpResponse<String> gc = Http.post(coordinatorApi() + "/gc/run", "{}", asAdmin());
    assertEquals(200, gc.statusCode(), gc.body());
    awaitTrue("the edit element's copy removed", () -> !existsOn(edit, id));
  }

  @Test
  @Order(2)
  void aBatchWithOneCorruptCopyCommitsTheOthersAndRollsThatOneBack() throws Exception {
    // Temporary files move between edit elements: from the test's to the system's own.
    Place systemEdit = systemEditElement();
    List<String> ids = new ArrayList<>();
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (int i = 0; i < 3; i++) {
      byte[] content = IngestIT.random(200_000 + i);
      JsonObject file = temporaryOnEdit("batch-" + i + ".bin", content, "application/octet-stream");
      ids.add(file.getString("file_id"));
      contents.put(file.getString("file_id"), content);
    }
    String corrupt = ids.get(1);
    // Bit rot on the source: the copy the target receives no longer matches the checksum.
    flipAByte(dataFileOf(edit, corrupt));

    HttpResponse<String> accepted =
        Http.post(
            coordinatorApi() + "/transfers",
            "{\"file_ids\":[\""
                + String.join("\",\"", ids)
                + "\"],\"target_storage_element_id\":\""
                + systemEdit.id()
                + "\"}",
            asAdmin());
    assertEquals(202, accepted.statusCode(), accepted.body());
    String location = accepted.headers().firstValue("Location").orElseThrow();
    String transferId = Http.json(accepted).getString("transfer_id");
    assertTrue(location.endsWith("/api/v1/transfers/" + transferId), location);

    JsonObject done = awaitTransfer(transferId);
    assertEquals("partially_completed", done.getString("state"), done.toString());
    assertEquals(3, done.getInt("total"));
    assertEquals(2, done.getInt("committed"));
    for (int i = 0; i < 3; i++) {
      JsonObject item = done.getJsonArray("items").getJsonObject(i);
      assertEquals(ids.get(i), item.getString("file_id"));
      if (ids.get(i).equals(corrupt)) {
        assertEquals("rolled_back", item.getString("state"), item.toString());
        assertEquals("CHECKSUM_MISMATCH", item.getString("error_code"), item.toString());
      } else {
        assertEquals("committed", item.getString("state"), item.toString());
        assertInvariant(
            ids.get(i), systemEdit, place(edit), StorageApi.sha256(contents.get(ids.get(i))));
        assertEquals(
            "temporary", IngestIT.registryRecord(ids.get(i)).getString("retention_policy"));
      }
    }
    // The corrupt file stays where it was, active, and nothing of it is staged on the target.
    JsonObject stays = IngestIT.registryRecord(corrupt);
    assertEquals("se-tx-edit", stays.getString("storage_element_id"));
    assertEquals(200, getFile(place(edit), corrupt).statusCode());
    assertEquals(404, getFile(systemEdit, corrupt).statusCode());
    assertEquals(List.of(), stagingFiles(systemEdit));
  }

  @Test
  @Order(3)
  void transfersAnswerTheirRolesValidationAndRefusals() {
    String file =
        temporaryOnEdit("refusals.txt", IngestIT.random(1000), "text/plain").getString("file_id");
    String api = coordinatorApi();
    String body = "{\"file_ids\":[\"" + file + "\"],\"target_storage_element_id\":\"se-tx-rw\"}";
    // No token, a bad token, a role that may not.
    assertEquals(401, Http.post(api + "/transfers", body, Map.of()).statusCode());
    assertEquals(
        401,
        Http.post(api + "/transfers", body, StorageApi.bearer(tokens.algNone("ADMIN")))
            .statusCode());
    for (String role : List.of("USER", "AUDITOR", "READONLY")) {
      String token = tokens.principal("it-tx-" + role, "it-tx-" + role, "service_account", role);
      IngestIT.assertProblem(
          Http.post(api + "/transfers", body, StorageApi.bearer(token)), 403, "FORBIDDEN");
    }
    // Validation: every offending field.
    IngestIT.assertProblem(
        Http.post(api + "/transfers", "{\"file_ids\":[]}", asAdmin()), 400, "VALIDATION_ERROR");
    HttpResponse<String> invalid =
        Http.post(
            api + "/transfers",
            "{\"file_ids\":[\"nope\",\""
                + file
                + "\",\""
                + file
                + "\"],"
                + "\"target_storage_element_id\":\"no-such-element\"}",
            asAdmin());
    IngestIT.assertProblem(invalid, 400, "VALIDATION_ERROR");
    for (String field : List.of("file_ids[0]", "file_ids[2]", "target_storage_element_id")) {
      assertTrue(invalid.body().contains("\"" + field + "\""), field + ": " + invalid.body());
    }
    // A temporary file needs an edit target: the item fails, nothing moves.
    HttpResponse<String> accepted = Http.post(api + "/transfers", body, asAdmin());
    assertEquals(202, accepted.statusCode(), accepted.body());
    JsonObject done = awaitTransfer(Http.json(accepted).getString("transfer_id"));
    assertEquals("failed", done.getString("state"));
    assertEquals(
        "MODE_NOT_ALLOWED",
        done.getJsonArray("items").getJsonObject(0).getString("error_code"),
        done.toString());
    assertEquals("se-tx-edit", IngestIT.registryRecord(file).getString("storage_element_id"));

    // Finalize: owner or ADMIN; others 403; unknown 404; a permanent file 409.
    String stranger =
        tokens.principal("it-tx-stranger", "it-tx-stranger", "service_account", "USER");
    IngestIT.assertProblem(
        Http.post(api + "/files/" + file + "/finalize", "", StorageApi.bearer(stranger)),
        403,
        "FORBIDDEN");
    String readonly = tokens.principal("it-tx-ro", "it-tx-ro", "service_account", "READONLY");
    IngestIT.assertProblem(
        Http.post(api + "/files/" + file + "/finalize", "", StorageApi.bearer(readonly)),
        403,
        "FORBIDDEN");
    assertEquals(401, Http.post(api + "/files/" + file + "/finalize", "", Map.of()).statusCode());
    IngestIT.assertProblem(
        Http.post(api + "/files/" + java.util.UUID.randomUUID() + "/finalize", "", asAdmin()),
        404,
        "NOT_FOUND");
    IngestIT.assertProblem(
        Http.post(
            api + "/files/" + file + "/finalize",
            "{\"target_storage_element_id\":\"se-tx-edit\"}",
            asAdmin()),
        409,
        "CONFLICT");
    String permanent =
        stored(rw, "permanent.txt", IngestIT.random(500), "text/plain", "permanent")
            .getString("file_id");
    IngestIT.assertProblem(
        Http.post(api + "/files/" + permanent + "/finalize", "", asAdmin()), 409, "CONFLICT");
    // Without a target, admin takes the online rw element with the lowest priority number.
    String chosen =
        Http.json(
                Http.get(
                    ADMIN + "/storage-elements?mode=rw&status=online", RunningSystem.asAdmin()))
            .getJsonArray("items")
            .stream()
            .map(v -> v.asJsonObject())
            .min(java.util.Comparator.comparingInt(e -> e.getInt("priority")))
            .orElseThrow()
            .getString("element_id");
    String auto =
        temporaryOnEdit("auto-choice.txt", IngestIT.random(700), "text/plain").getString("file_id");
    HttpResponse<String> autoFinalized =
        Http.post(api + "/files/" + auto + "/finalize", "", asAdmin());
    assertEquals(200, autoFinalized.statusCode(), autoFinalized.body());
    assertEquals(chosen, Http.json(autoFinalized).getString("storage_element_id"));

    // Transfer lookups: unknown 404; another user's 403; auditors see any.
    IngestIT.assertProblem(
        Http.get(api + "/transfers/" + java.util.UUID.randomUUID(), asAdmin()), 404, "NOT_FOUND");
    String transferId = Http.json(accepted).getString("transfer_id");
    IngestIT.assertProblem(
        Http.get(api + "/transfers/" + transferId, StorageApi.bearer(stranger)), 403, "FORBIDDEN");
    String auditor = tokens.principal("it-tx-aud", "it-tx-aud", "service_account", "AUDITOR");
    assertEquals(
        200, Http.get(api + "/transfers/" + transferId, StorageApi.bearer(auditor)).statusCode());
    assertEquals(401, Http.get(api + "/transfers/" + transferId, Map.of()).statusCode());
  }

  @Test
  @Order(4)
  void aFileTwiceTheCoordinatorsHeapStreamsThroughIt() throws Exception {
    long size = 2L * COORDINATOR_HEAP_MIB * 1024 * 1024 + 12_345;
    int seed = 4;
    MultipartBody body =
        new MultipartBody()
            .field("uploaded_by_id", ownerSubject)
            .field("uploaded_by_name", "sa_it_tx_owner")
            .file("large.bin", "application/octet-stream", size, () -> seeded(seed, size))
            .end();
    HttpResponse<String> uploaded = StorageApi.upload(edit.api(), admin, body);
    assertEquals(201, uploaded.statusCode(), uploaded.body());
    HttpResponse<String> registered = Http.post(ADMIN + "/files", uploaded.body(), asAdmin());
    assertEquals(201, registered.statusCode(), registered.body());
    String id = Http.json(registered).getString("file_id");

    HttpResponse<String> finalized =
        Http.post(coordinatorApi() + "/files/" + id + "/finalize", TO_RW, asOwner());
    assertEquals(200, finalized.statusCode(), finalized.body());
    assertTrue(coordinator.jvm().map(ProcessHandle::isAlive).orElse(false), "no OutOfMemoryError");
    assertInvariant(id, rw, edit, StorageApi.sha256(seeded(seed, size)));
  }

  // ------------------------------------------------------------------ faults

  @Test
  @Order(10)
  void coordinatorDiesAfterEveryoneVotedYesAndRecoveryCommitsOnRestart() throws Exception {
    byte[] content = IngestIT.random(700_000);
    String id =
        temporaryOnEdit("halt-before-commit.bin", content, "application/x-test")
            .getString("file_id");
    coordinator.stop();
    coordinator = startCoordinator("halt-before-commit");
    CompletableFuture<HttpResponse<String>> call = finalizeInBackground(id);
    awaitCoordinatorGone();
    call.get(60, java.util.concurrent.TimeUnit.SECONDS); // the client saw the connection go
    // In doubt: both elements hold their branches prepared, PostgreSQL its transaction.
    assertEquals(1, preparedBranches(edit).size());
    assertEquals(1, preparedBranches(rw).size());
    assertTrue(preparedTransactions() >= 1, "PostgreSQL holds the registry branch prepared");
    // Meanwhile the file is still readable where it was.
    assertEquals(StorageApi.sha256(content), StorageApi.downloadSha256(edit.api(), admin, id));

    coordinator = startCoordinator(null);
    awaitTrue(
        "recovery commits",
        () -> "se-tx-rw".equals(IngestIT.registryRecord(id).getString("storage_element_id")));
    awaitTrue("nothing prepared after recovery", this::nothingPrepared);
    assertInvariant(id, rw, edit, StorageApi.sha256(content));
    assertEquals("permanent", IngestIT.registryRecord(id).getString("retention_policy"));
  }

  @Test
  @Order(11)
  void coordinatorDiesBeforeThePrepareCompletesAndRecoveryRollsBack() throws Exception {
    byte[] content = IngestIT.random(400_000);
    String id =
        temporaryOnEdit("halt-after-first-prepare.bin", content, "application/x-test")
            .getString("file_id");
    coordinator.stop();
    coordinator = startCoordinator("halt-after-first-prepare");
    finalizeInBackground(id);
    awaitCoordinatorGone();
    assertEquals(
        1,
        preparedBranches(edit).size() + preparedBranches(rw).size(),
        "one element voted yes before the coordinator died");

    coordinator = startCoordinator(null);
    awaitTrue("nothing prepared after recovery", this::nothingPrepared);
    assertInvariant(id, edit, rw, StorageApi.sha256(content));
    assertEquals("temporary", IngestIT.registryRecord(id).getString("retention_policy"));
    // The item the dead coordinator left open is closed as rolled back.
    awaitTrue(
        "the interrupted finalize is reported rolled back",
        () -> {
          try (Connection c = RunningSystem.database();
              Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT state, error_code FROM admin.transfer_items WHERE file_id = '"
                          + id
                          + "'")) {
            return rs.next()
                && rs.getString(1).equals("rolled_back")
                && "INTERRUPTED".equals(rs.getString(2));
          } catch (Exception e) {
            return false;
          }
        });
  }

  @Test
  @Order(12)
  void theTargetKilledAfterPrepareCompletesTheCommitAfterItsRestart() throws Exception {
    byte[] content = IngestIT.random(600_000);
    String id =
        temporaryOnEdit("target-killed.bin", content, "application/x-test").getString("file_id");
    restartCoordinatorPausingBeforeCommit();
    CompletableFuture<HttpResponse<String>> call = finalizeInBackground(id);
    awaitPause();
    assertInDoubt();
    rw.kill9();
    // The pause ends with the target down: its commit fails and the transaction manager retries
    // it, while the registry and the source commit.
    RunningSystem.sleep(PAUSE.toMillis() + 4_000);
    rw.start();
    awaitTrue(
        "the registry points at the target",
        () -> "se-tx-rw".equals(IngestIT.registryRecord(id).getString("storage_element_id")));
    awaitTrue("nothing prepared after the retry", this::nothingPrepared);
    assertInvariant(id, rw, edit, StorageApi.sha256(content));
    call.get();
  }

  @Test
  @Order(13)
  void theSourceDownDuringCommitCompletesWhenItReturnsAndTheFileStaysReadable() throws Exception {
    byte[] content = IngestIT.random(500_000);
    String sha = StorageApi.sha256(content);
    String id =
        temporaryOnEdit("source-down.bin", content, "application/x-test").getString("file_id");
    restartCoordinatorPausingBeforeCommit();
    CompletableFuture<HttpResponse<String>> call = finalizeInBackground(id);
    awaitPause();
    assertInDoubt();
    edit.kill9();
    // The commit goes on to the target and the registry; the source's branch waits for it.
    awaitTrue(
        "the registry points at the target",
        () -> "se-tx-rw".equals(IngestIT.registryRecord(id).getString("storage_element_id")));
    assertEquals(sha, StorageApi.downloadSha256(rw.api(), admin, id), "readable on the target");
    // Query follows as soon as the file.transferred event reached it.
    awaitTrue(
        "readable through query from the target",
        () -> {
          HttpResponse<byte[]> download = StorageApi.download(QUERY, owner, id, Map.of());
          return download.statusCode() == 200 && sha.equals(StorageApi.sha256(download.body()));
        });
    edit.start();
    awaitTrue("nothing prepared once the source is back", this::nothingPrepared);
    assertInvariant(id, rw, edit, sha);
    call.get();
  }

  @Test
  @Order(14)
  void theRegistryConnectionLostBetweenPrepareAndCommitIsResolvedConsistently() throws Exception {
    byte[] content = IngestIT.random(300_000);
    String id =
        temporaryOnEdit("db-connection-lost.bin", content, "application/x-test")
            .getString("file_id");
    restartCoordinatorPausingBeforeCommit();
    CompletableFuture<HttpResponse<String>> call = finalizeInBackground(id);
    awaitPause();
    assertInDoubt();
    int cut = terminateCoordinatorConnections();
    assertTrue(cut >= 1, "the coordinator's XA connections were cut");
    awaitTrue(
        "the registry points at the target",
        () -> "se-tx-rw".equals(IngestIT.registryRecord(id).getString("storage_element_id")));
    awaitTrue("nothing prepared", this::nothingPrepared);
    assertInvariant(id, rw, edit, StorageApi.sha256(content));
    call.get();
  }

  // ------------------------------------------------------------------ helpers

  private static void restartCoordinatorPausingBeforeCommit() {
    coordinator.stop();
    coordinator = startCoordinator("pause-before-commit:" + PAUSE.toSeconds());
  }

  private static CompletableFuture<HttpResponse<String>> finalizeInBackground(String id) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return Http.post(coordinatorApi() + "/files/" + id + "/finalize", TO_RW, asAdmin());
          } catch (RuntimeException e) {
            return null; // the coordinator died under the call
          }
        });
  }

  private static void awaitCoordinatorGone() {
    awaitTrue(
        "the coordinator halted", () -> coordinator.jvm().map(j -> !j.isAlive()).orElse(true));
  }

  /** During the pause: every participant voted yes and none has committed yet. */
  private static void assertInDoubt() throws Exception {
    assertEquals(1, preparedBranches(edit).size(), "the source holds its branch prepared");
    assertEquals(1, preparedBranches(rw).size(), "the target holds its branch prepared");
    assertTrue(preparedTransactions() >= 1, "the registry branch is prepared");
  }

  private static void awaitPause() {
    awaitTrue(
        "the coordinator pauses before the commit",
        () -> {
          try {
            return Files.exists(coordinator.messagesLog())
                && Files.readString(coordinator.messagesLog())
                    .contains("ArtStore fault injection: pausing");
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** Ends every database session of the coordinator's XA datasource; returns how many. */
  private static int terminateCoordinatorConnections() throws Exception {
    try (Connection c = RunningSystem.database();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
                    + " application_name = 'artstore-admin-xa' AND client_port IS NOT NULL")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Active on {@code on} only, the registry points there, its bytes match; gone from {@code off}
   * for reads; nothing staged on either.
   */
  private static void assertInvariant(
      String id, StandaloneElement on, StandaloneElement off, String sha256) {
    assertInvariant(id, place(on), place(off), sha256);
  }

  private static void assertInvariant(String id, Place on, Place off, String sha256) {
    JsonObject record = IngestIT.registryRecord(id);
    assertEquals(on.id(), record.getString("storage_element_id"), record.toString());
    assertEquals("active", record.getString("status"));
    HttpResponse<String> there = getFile(on, id);
    assertEquals(200, there.statusCode(), there.body());
    assertEquals("active", Http.json(there).getString("status"));
    assertEquals(sha256, StorageApi.downloadSha256(on.api(), admin, id));
    assertEquals(404, getFile(off, id).statusCode(), "not readable on " + off.id());
    assertEquals(List.of(), stagingFiles(on), "nothing staged on " + on.id());
    assertEquals(List.of(), stagingFiles(off), "nothing staged on " + off.id());
  }

  private boolean nothingPrepared() {
    try {
      return preparedTransactions() == 0
          && (edit.jvm().isEmpty() || preparedBranches(edit).isEmpty())
          && (rw.jvm().isEmpty() || preparedBranches(rw).isEmpty());
    } catch (Exception e) {
      return false;
    }
  }

  private static long preparedTransactions() throws Exception {
    try (Connection c = RunningSystem.database();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_prepared_xacts")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> preparedBranches(StandaloneElement element) {
    HttpResponse<String> page =
        Http.get(element.api() + "/transfers?state=prepared", StorageApi.bearer(admin));
    assertEquals(200, page.statusCode(), page.body());
    return Http.json(page).getJsonArray("items").stream()
        .map(v -> v.asJsonObject().getString("branch"))
        .toList();
  }

  private static JsonObject awaitTransfer(String transferId) {
    JsonObject[] last = new JsonObject[1];
    awaitTrue(
        "transfer " + transferId + " finishes",
        () -> {
          last[0] = Http.json(Http.get(coordinatorApi() + "/transfers/" + transferId, asAdmin()));
          return !last[0].getString("state").equals("running");
        });
    return last[0];
  }

  private static JsonObject temporaryOnEdit(String name, byte[] content, String type) {
    return onEdit(name, content, type, "temporary");
  }

  /** A file uploaded straight to the edit element by its owner's name and registered. */
  private static JsonObject onEdit(String name, byte[] content, String type, String retention) {
    return stored(edit, name, content, type, retention);
  }

  /** A file uploaded straight to one of the test's elements by its owner's name and registered. */
  private static JsonObject stored(
      StandaloneElement element, String name, byte[] content, String type, String retention) {
    MultipartBody body =
        new MultipartBody()
            .field("description", "transfer test " + name)
            .field("tags", "[\"transfer\",\"it\"]")
            .field("metadata", "{\"case\":\"" + name + "\",\"отдел\":\"Архив\"}")
            .field("retention_policy", retention)
            .field("uploaded_by_id", ownerSubject)
            .field("uploaded_by_name", "sa_it_tx_owner")
            .file(name, type, content)
            .end();
    HttpResponse<String> uploaded = StorageApi.upload(element.api(), admin, body);
    assertEquals(201, uploaded.statusCode(), uploaded.body());
    HttpResponse<String> registered = Http.post(ADMIN + "/files", uploaded.body(), asAdmin());
    assertEquals(201, registered.statusCode(), registered.body());
    JsonObject file = Http.json(registered);
    assertEquals(ownerSubject, file.getJsonObject("uploaded_by").getString("id"), file.toString());
    return file;
  }

  /** An element the test reads directly: its id, API and data directory. */
  record Place(String id, String api, Path dataDir) {}

  private static Place place(StandaloneElement element) {
    return new Place(element.id, element.api(), element.dataDir);
  }

  private static Place systemEditElement() {
    return new Place(
        "se-edit-1",
        RunningSystem.url("storage-edit") + "/api/v1",
        RunningSystem.get().dataDir.resolve("elements/se-edit-1"));
  }

  private static HttpResponse<String> getFile(StandaloneElement element, String id) {
    return getFile(place(element), id);
  }

  private static HttpResponse<String> getFile(Place element, String id) {
    return Http.get(element.api() + "/files/" + id, StorageApi.bearer(admin));
  }

  private static boolean existsOn(StandaloneElement element, String id) {
    HttpResponse<String> answer =
        Http.get(element.api() + "/gc/" + id + "/exists", StorageApi.bearer(admin));
    return Http.json(answer).getBoolean("exists");
  }

  private static Path dataFileOf(StandaloneElement element, String id) throws IOException {
    Path link = element.dataDir.resolve(".ids").resolve(id.substring(0, 2)).resolve(id);
    return element.dataDir.resolve(Files.readSymbolicLink(link).toString());
  }

  private static void flipAByte(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(raf.length() / 2);
      int b = raf.read();
      raf.seek(raf.length() / 2);
      raf.write(b ^ 0xff);
    }
  }

  private static List<String> stagingFiles(StandaloneElement element) {
    return stagingFiles(place(element));
  }

  private static List<String> stagingFiles(Place element) {
    Path staging = element.dataDir().resolve(".staging");
    if (!Files.exists(staging)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(staging)) {
      return files.filter(Files::isRegularFile).map(Path::toString).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.io.InputStream seeded(int seed, long size) {
    return new StorageCrashIT.SlowStream(seed, size, 0);
  }

  private static Map<String, String> asAdmin() {
    return StorageApi.bearer(admin);
  }

  private static Map<String, String> asOwner() {
    return StorageApi.bearer(owner);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what
                + " within "
                + RECOVERY
                + "\n--- coordinator log ---\n"
                + (coordinator == null ? "" : coordinator.log()));
      }
      RunningSystem.sleep(500);
    }
  }
}
