package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a storage element lets whom do (SPEC §2.1, §3.3, §3.6).
 *
 * <p>A: the mode matrix on a standalone element of its own ({@code rw → ro → ar}, then a restart),
 * and retention on the system's edit element (temporary by default, GC only of what may go, no
 * overwrite of an existing file id).
 *
 * <p>B: the role matrix on the system's edit element: allowed role → 2xx, other role → 403, no or
 * garbage token → 401.
 */
@Order(23)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageAccessIT {
  private static final String EDIT = RunningSystem.url("storage-edit") + "/api/v1";
  private static final String CONTENT = "the bytes of the mode matrix";
  private static final List<String> ALL_OPERATIONS =
      List.of("upload", "read", "download", "update_metadata", "delete");

  private static StandaloneElement element;

  /** The file stored on the standalone element while it was rw. */
  private static String modesFileId;

  private static final String OWNER = UUID.randomUUID().toString();
  private static final String OTHER = UUID.randomUUID().toString();

  /** The system account's token (an ADMIN service account). */
  private static String admin;

  // Minted principals (fresh for every test: tokens live 30 minutes).
  private static String saAdmin;
  private static String saOwner;
  private static String saOther;
  private static String saAuditor;
  private static String saReadonly;
  private static String userSuperAdmin;
  private static String userAdmin;
  private static String userReadonly;

  @BeforeAll
  static void start() {
    RunningSystem.get();
    element =
        new StandaloneElement("se-modes-1", 8015, "256m", Map.of("ARTSTORE_SE_MODE", "rw")).start();
  }

  @AfterAll
  static void stop() {
    if (element != null) {
      element.close();
    }
  }

  @BeforeEach
  void tokens() {
    admin = RunningSystem.adminToken();
    TestTokens tokens = RunningSystem.get().tokens();
    String sa = "service_account";
    String person = "admin_user";
    saAdmin = tokens.principal(UUID.randomUUID().toString(), "sa_it_access_admin", sa, "ADMIN");
    saOwner = tokens.principal(OWNER, "sa_it_access_owner", sa, "USER");
    saOther = tokens.principal(OTHER, "sa_it_access_other", sa, "USER");
    saAuditor =
        tokens.principal(UUID.randomUUID().toString(), "sa_it_access_auditor", sa, "AUDITOR");
    saReadonly =
        tokens.principal(UUID.randomUUID().toString(), "sa_it_access_readonly", sa, "READONLY");
    userSuperAdmin =
        tokens.principal(UUID.randomUUID().toString(), "it-access-super", person, "SUPER_ADMIN");
    userAdmin = tokens.principal(UUID.randomUUID().toString(), "it-access-admin", person, "ADMIN");
    userReadonly =
        tokens.principal(UUID.randomUUID().toString(), "it-access-readonly", person, "READONLY");
  }

  // ------------------------------------------------------------ A. modes (standalone element)

  @Test
  @Order(1)
  void rwStoresPermanentFilesReadsUpdatesButNeverDeletes() {
    assertInfo(element.url(), "rw", List.of("upload", "read", "download", "update_metadata"));

    HttpResponse<String> created = upload(element.api(), admin, CONTENT, Map.of());
    assertEquals(201, created.statusCode(), created.body());
    JsonObject file = Http.json(created);
    modesFileId = file.getString("file_id");
    assertEquals("permanent", file.getString("retention_policy"), "permanent by default on rw");
    assertTrue(absent(file, "expires_at"), file.toString());

    HttpResponse<String> temporary =
        upload(element.api(), admin, "temp", Map.of("retention_policy", "temporary"));
    assertValidationError(temporary, "retention_policy");
    HttpResponse<String> ttl = upload(element.api(), admin, "ttl", Map.of("ttl_days", "5"));
    assertValidationError(ttl, "ttl_days");

    assertReadable(element.api(), modesFileId, true);
    HttpResponse<String> patched = patch(element.api(), admin, modesFileId);
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("x", Http.json(patched).getString("description"));

    assertProblem(delete(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");
    assertEquals("active", fileJson(element.api(), modesFileId).getString("status"));
  }

  @Test
  @Order(2)
  void roReadsAndDownloadsButRefusesEveryWriteAndCannotGoBack() {
    HttpResponse<String> transition = transition(element.api(), "ro");
    assertEquals(200, transition.statusCode(), transition.body());
    assertEquals("rw", Http.json(transition).getString("previous_mode"));
    assertEquals("ro", Http.json(transition).getString("mode"));
    assertInfo(element.url(), "ro", List.of("read", "download"));

    assertProblem(upload(element.api(), admin, "late", Map.of()), 409, "MODE_NOT_ALLOWED");
    assertReadable(element.api(), modesFileId, true);
    assertProblem(patch(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");
    assertProblem(delete(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");

    assertProblem(transition(element.api(), "rw"), 409, "INVALID_TRANSITION");
    assertInfo(element.url(), "ro", List.of("read", "download"));
  }

  @Test
  @Order(3)
  void arServesMetadataButNotContentAndIsTheEnd() {
    HttpResponse<String> transition = transition(element.api(), "ar");
    assertEquals(200, transition.statusCode(), transition.body());
    assertEquals("ar", Http.json(transition).getString("mode"));
    assertInfo(element.url(), "ar", List.of("read"));

    assertEquals(modesFileId, fileJson(element.api(), modesFileId).getString("file_id"));
    assertListed(element.api(), modesFileId);
    assertProblem(download(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");
    HttpResponse<String> head =
        send("HEAD", element.api() + "/files/" + modesFileId + "/download", admin, null);
    assertEquals(409, head.statusCode(), "HEAD download: content is offline");

    assertProblem(upload(element.api(), admin, "late", Map.of()), 409, "MODE_NOT_ALLOWED");
    assertProblem(patch(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");
    assertProblem(delete(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");

    for (String target : List.of("ro", "rw", "edit")) {
      HttpResponse<String> back = transition(element.api(), target);
      assertEquals(409, back.statusCode(), target + ": " + back.body());
      assertProblem(back, 409, "INVALID_TRANSITION");
    }
    assertInfo(element.url(), "ar", List.of("read"));
  }

  @Test
  @Order(4)
  void arSurvivesARestartThoughTheConfigurationStillSaysRw() {
    element.stop();
    element.start();
    assertEquals(
        modesFileId,
        fileJson(element.api(), modesFileId).getString("file_id"),
        "the file is still there after the restart");
    // ARTSTORE_SE_MODE=rw is the configuration the element was created with, not a change of it:
    // the mode reached by API stays (SPEC §3.3 "the mode survives restarts").
    assertInfo(element.url(), "ar", List.of("read"));
    assertProblem(download(element.api(), admin, modesFileId), 409, "MODE_NOT_ALLOWED");
  }

  // ------------------------------------------------------------ A. retention (edit element)

  @Test
  @Order(5)
  void editStoresTemporaryFilesWithTheDefaultTtl() {
    JsonObject info = assertInfo(RunningSystem.url("storage-edit"), "edit", ALL_OPERATIONS);
    assertEquals(30, info.getInt("retention_days"));

    HttpResponse<String> created = upload(EDIT, admin, "temporary by default", Map.of());
    assertEquals(201, created.statusCode(), created.body());
    JsonObject file = Http.json(created);
    assertEquals("temporary", file.getString("retention_policy"));
    assertEquals(30, file.getInt("ttl_days"));
    assertEquals(
        Instant.parse(file.getString("created_at")).plus(Duration.ofDays(30)),
        Instant.parse(file.getString("expires_at")));

    assertValidationError(
        upload(EDIT, admin, "permanent", Map.of("retention_policy", "permanent")),
        "retention_policy");

    HttpResponse<String> patched = patch(EDIT, admin, file.getString("file_id"));
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals("x", Http.json(patched).getString("description"));
  }

  @Test
  @Order(6)
  void ownerDeletesThenGcPurgesOnlyWhatMayGoAndIsIdempotent() {
    String id = uploadedId(EDIT, admin, "to be deleted");

    assertProblem(gcDelete(admin, id), 409, "RETENTION_LOCKED");
    JsonObject exists = Http.json(gcExists(admin, id));
    assertTrue(exists.getBoolean("exists"), exists.toString());
    assertReadable(EDIT, id, false);

    HttpResponse<String> deleted = delete(EDIT, admin, id);
    assertEquals(204, deleted.statusCode(), deleted.body());
    assertEquals("deleted", fileJson(EDIT, id).getString("status"));
    assertProblem(download(EDIT, admin, id), 404, "NOT_FOUND");

    HttpResponse<String> purged = gcDelete(admin, id);
    assertEquals(204, purged.statusCode(), purged.body());
    HttpResponse<String> gone = gcExists(admin, id);
    assertEquals(200, gone.statusCode(), gone.body());
    assertFalse(Http.json(gone).getBoolean("exists"), gone.body());
    assertEquals(204, gcDelete(admin, id).statusCode(), "GC is idempotent");
    assertProblem(send("GET", EDIT + "/files/" + id, admin, null), 404, "NOT_FOUND");
  }

  @Test
  @Order(7)
  void anExistingFileIdIsNeverOverwritten() {
    String id = uploadedId(EDIT, admin, "the original");
    HttpResponse<String> again =
        upload(EDIT, admin, "an impostor", Map.of("file_id", id)); // fields precede the file part
    assertProblem(again, 409, "RETENTION_LOCKED");
    HttpResponse<String> download = download(EDIT, admin, id);
    assertEquals(200, download.statusCode());
    assertEquals("the original", download.body());
    assertEquals(1, fileJson(EDIT, id).getInt("version"));
  }

  // ------------------------------------------------------------ B. roles (edit element)

  @Test
  @Order(10)
  void uploadIsForAdminsUsersAndAdminUsers() {
    for (Map.Entry<String, String> who :
        Map.of(
                "SA ADMIN", saAdmin,
                "SA USER", saOwner,
                "SUPER_ADMIN user", userSuperAdmin,
                "ADMIN user", userAdmin)
            .entrySet()) {
      HttpResponse<String> response = upload(EDIT, who.getValue(), who.getKey(), Map.of());
      assertEquals(201, response.statusCode(), who.getKey() + ": " + response.body());
    }
    for (Map.Entry<String, String> who :
        Map.of(
                "SA AUDITOR", saAuditor,
                "SA READONLY", saReadonly,
                "READONLY user", userReadonly)
            .entrySet()) {
      assertForbidden(upload(EDIT, who.getValue(), who.getKey(), Map.of()), who.getKey());
    }
  }

  @Test
  @Order(11)
  void everyRoleReadsListsAndDownloads() {
    String id = uploadedId(EDIT, saOwner, "readable by all");
    for (Map.Entry<String, String> who : everybody().entrySet()) {
      String token = who.getValue();
      HttpResponse<String> list = send("GET", EDIT + "/files?limit=1", token, null);
      assertEquals(200, list.statusCode(), "list " + who.getKey() + ": " + list.body());
      HttpResponse<String> get = send("GET", EDIT + "/files/" + id, token, null);
      assertEquals(200, get.statusCode(), "get " + who.getKey() + ": " + get.body());
      HttpResponse<String> download = download(EDIT, token, id);
      assertEquals(200, download.statusCode(), "download " + who.getKey());
      assertEquals("readable by all", download.body());
    }
  }

  @Test
  @Order(12)
  void metadataIsChangedByItsOwnerOrAnAdminOnly() {
    String id = uploadedId(EDIT, saOwner, "owned");
    HttpResponse<String> owner = patch(EDIT, saOwner, id);
    assertEquals(200, owner.statusCode(), owner.body());

    assertProblem(patch(EDIT, saOther, id), 403, "FORBIDDEN");

    HttpResponse<String> adminAccount = patch(EDIT, saAdmin, id);
    assertEquals(200, adminAccount.statusCode(), adminAccount.body());
    HttpResponse<String> adminUser = patch(EDIT, userAdmin, id);
    assertEquals(200, adminUser.statusCode(), adminUser.body());

    assertForbidden(patch(EDIT, saAuditor, id), "SA AUDITOR");
    assertForbidden(patch(EDIT, saReadonly, id), "SA READONLY");
    assertForbidden(patch(EDIT, userReadonly, id), "READONLY user");
    assertEquals(4, fileJson(EDIT, id).getInt("version"), "three changes, no more");
  }

  @Test
  @Order(13)
  void aTemporaryFileBeforeExpiryIsDeletedByItsOwnerOrAnAdminOnly() {
    String byOwner = uploadedId(EDIT, saOwner, "deleted by its owner");
    String byAdmin = uploadedId(EDIT, saOwner, "deleted by an admin");

    assertProblem(delete(EDIT, saOther, byOwner), 403, "FORBIDDEN");
    assertForbidden(delete(EDIT, saReadonly, byOwner), "SA READONLY");
    assertForbidden(delete(EDIT, userReadonly, byOwner), "READONLY user");
    assertEquals("active", fileJson(EDIT, byOwner).getString("status"));

    HttpResponse<String> owner = delete(EDIT, saOwner, byOwner);
    assertEquals(204, owner.statusCode(), owner.body());
    assertEquals("deleted", fileJson(EDIT, byOwner).getString("status"));

    HttpResponse<String> adminAccount = delete(EDIT, saAdmin, byAdmin);
    assertEquals(204, adminAccount.statusCode(), adminAccount.body());
    assertEquals("deleted", fileJson(EDIT, byAdmin).getString("status"));
  }

  @Test
  @Order(14)
  void uploadedByIsForAdminServiceAccountsOnly() {
    String onBehalfOf = UUID.randomUUID().toString();
    assertProblem(
        upload(EDIT, saOwner, "on behalf", Map.of("uploaded_by", onBehalfOf)), 403, "FORBIDDEN");

    HttpResponse<String> created =
        upload(EDIT, saAdmin, "on behalf", Map.of("uploaded_by", onBehalfOf));
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(
        onBehalfOf, Http.json(created).getJsonObject("uploaded_by").getString("id"), "uploader");
  }

  @Test
  @Order(15)
  void gcIsForAdminServiceAccountsOnly() {
    String id = uploadedId(EDIT, saOwner, "for the GC");
    HttpResponse<String> deleted = delete(EDIT, saOwner, id);
    assertEquals(204, deleted.statusCode(), deleted.body());

    for (Map.Entry<String, String> who :
        Map.of(
                "SUPER_ADMIN user", userSuperAdmin,
                "SA USER", saOwner,
                "SA READONLY", saReadonly,
                "READONLY user", userReadonly)
            .entrySet()) {
      assertForbidden(gcExists(who.getValue(), id), "exists " + who.getKey());
      assertForbidden(gcDelete(who.getValue(), id), "purge " + who.getKey());
    }
    // An ADMIN user has the role, but GC is machine-to-machine: service accounts only.
    assertProblem(gcExists(userAdmin, id), 403, "FORBIDDEN");
    assertProblem(gcDelete(userAdmin, id), 403, "FORBIDDEN");
    assertTrue(Http.json(gcExists(saAdmin, id)).getBoolean("exists"), "nothing purged yet");

    HttpResponse<String> purged = gcDelete(saAdmin, id);
    assertEquals(204, purged.statusCode(), purged.body());
    HttpResponse<String> exists = gcExists(saAdmin, id);
    assertEquals(200, exists.statusCode(), exists.body());
    assertFalse(Http.json(exists).getBoolean("exists"));
  }

  @Test
  @Order(16)
  void maintenanceIsForAdmins() {
    String id = uploadedId(EDIT, saOwner, "for the fixity check");
    String consistency = EDIT + "/cache/consistency";
    String fixity = EDIT + "/maintenance/fixity";

    for (Map.Entry<String, String> who :
        Map.of("SA ADMIN", saAdmin, "ADMIN user", userAdmin, "SUPER_ADMIN user", userSuperAdmin)
            .entrySet()) {
      String token = who.getValue();
      HttpResponse<String> check = send("GET", consistency, token, null);
      assertEquals(200, check.statusCode(), "consistency " + who.getKey() + ": " + check.body());
      HttpResponse<String> run = send("POST", fixity + "?file_id=" + id, token, "");
      assertEquals(200, run.statusCode(), "fixity " + who.getKey() + ": " + run.body());
      JsonObject report = Http.json(run);
      assertEquals(1, report.getInt("files_checked"), report.toString());
      assertEquals(0, report.getInt("failures_found"), report.toString());
      HttpResponse<String> last = send("GET", fixity, token, null);
      assertEquals(200, last.statusCode(), "last fixity " + who.getKey() + ": " + last.body());
    }
    for (Map.Entry<String, String> who :
        Map.of(
                "SA USER", saOwner,
                "SA AUDITOR", saAuditor,
                "SA READONLY", saReadonly,
                "READONLY user", userReadonly)
            .entrySet()) {
      String token = who.getValue();
      assertForbidden(send("GET", consistency, token, null), "consistency " + who.getKey());
      assertForbidden(send("POST", fixity + "?file_id=" + id, token, ""), "fixity " + who.getKey());
      assertForbidden(send("GET", fixity, token, null), "last fixity " + who.getKey());
    }
  }

  @Test
  @Order(17)
  void noTokenOrAGarbageTokenIs401ButInfoIsPublic() {
    String id = uploadedId(EDIT, saAdmin, "for the 401 checks");
    for (String token : new String[] {null, "abc"}) {
      String label = token == null ? "no token" : "garbage token";
      Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
      responses.put("upload", upload(EDIT, token, "anonymous", Map.of()));
      responses.put("list", send("GET", EDIT + "/files", token, null));
      responses.put("get", send("GET", EDIT + "/files/" + id, token, null));
      responses.put("download", download(EDIT, token, id));
      responses.put("patch", patch(EDIT, token, id));
      responses.put("delete", delete(EDIT, token, id));
      responses.put("gc purge", gcDelete(token, id));
      responses.put("gc exists", gcExists(token, id));
      responses.put("consistency", send("GET", EDIT + "/cache/consistency", token, null));
      responses.put("fixity", send("POST", EDIT + "/maintenance/fixity?file_id=" + id, token, ""));
      responses.put(
          "mode", send("POST", EDIT + "/mode/transition", token, "{\"target_mode\":\"ro\"}"));
      responses.forEach(
          (operation, response) -> {
            assertEquals(401, response.statusCode(), label + ": " + operation);
            AuthIT.assertChallenge(response);
          });
    }
    JsonObject file = fileJson(EDIT, id);
    assertEquals("active", file.getString("status"));
    assertEquals(1, file.getInt("version"), "nothing changed");

    HttpResponse<String> info = send("GET", EDIT + "/info", null, null);
    assertEquals(200, info.statusCode());
    assertEquals("edit", Http.json(info).getString("mode"));
  }

  // ------------------------------------------------------------ helpers

  private static Map<String, String> everybody() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("SA ADMIN", saAdmin);
    all.put("SA USER (owner)", saOwner);
    all.put("SA USER (other)", saOther);
    all.put("SA AUDITOR", saAuditor);
    all.put("SA READONLY", saReadonly);
    all.put("SUPER_ADMIN user", userSuperAdmin);
    all.put("ADMIN user", userAdmin);
    all.put("READONLY user", userReadonly);
    return all;
  }

  /**
   * 403. A refusal by the application is problem+json with code FORBIDDEN; Liberty's own refusal of
   * a role {@code @RolesAllowed} does not name may come without a body, so only its status counts.
   */
  private static void assertForbidden(HttpResponse<String> response, String who) {
    assertEquals(403, response.statusCode(), who + ": " + response.body());
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("application/problem+json")) {
      assertProblem(response, 403, "FORBIDDEN");
    }
  }

  private static void assertValidationError(HttpResponse<String> response, String field) {
    assertEquals(400, response.statusCode(), response.body());
    assertProblem(response, 400, "VALIDATION_ERROR");
    assertEquals(
        field, Http.json(response).getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  private static JsonObject assertInfo(String url, String mode, List<String> operations) {
    HttpResponse<String> response = send("GET", url + "/api/v1/info", null, null);
    assertEquals(200, response.statusCode(), response.body());
    JsonObject info = Http.json(response);
    assertEquals(mode, info.getString("mode"), info.toString());
    assertEquals(
        operations,
        info.getJsonArray("allowed_operations").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList(),
        info.toString());
    return info;
  }

  /** GET, listing and (when {@code withContent}) download, all with the system account. */
  private static void assertReadable(String api, String id, boolean withContent) {
    assertEquals(id, fileJson(api, id).getString("file_id"));
    assertListed(api, id);
    HttpResponse<String> download = download(api, admin, id);
    assertEquals(200, download.statusCode(), download.body());
    if (withContent) {
      assertEquals(CONTENT, download.body());
    }
  }

  private static void assertListed(String api, String id) {
    HttpResponse<String> list = send("GET", api + "/files?limit=1000", admin, null);
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().contains(id), "listed: " + id);
  }

  private static JsonObject fileJson(String api, String id) {
    HttpResponse<String> response = send("GET", api + "/files/" + id, admin, null);
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  private static boolean absent(JsonObject object, String key) {
    return !object.containsKey(key) || object.isNull(key);
  }

  private static HttpResponse<String> transition(String api, String target) {
    return send("POST", api + "/mode/transition", admin, "{\"target_mode\":\"" + target + "\"}");
  }

  private static HttpResponse<String> patch(String api, String token, String id) {
    return send("PATCH", api + "/files/" + id, token, "{\"description\":\"x\"}");
  }

  private static HttpResponse<String> delete(String api, String token, String id) {
    return send("DELETE", api + "/files/" + id, token, null);
  }

  private static HttpResponse<String> download(String api, String token, String id) {
    return send("GET", api + "/files/" + id + "/download", token, null);
  }

  private static HttpResponse<String> gcDelete(String token, String id) {
    return send("DELETE", EDIT + "/gc/" + id, token, null);
  }

  private static HttpResponse<String> gcExists(String token, String id) {
    return send("GET", EDIT + "/gc/" + id + "/exists", token, null);
  }

  private static String uploadedId(String api, String token, String content) {
    HttpResponse<String> response = upload(api, token, content, Map.of());
    assertEquals(201, response.statusCode(), response.body());
    return Http.json(response).getString("file_id");
  }

  /** A small upload; {@code fields} go before the file part; {@code token} null: none sent. */
  private static HttpResponse<String> upload(
      String api, String token, String content, Map<String, String> fields) {
    MultipartBody body = new MultipartBody();
    fields.forEach(body::field);
    body.file("access.txt", "text/plain", content.getBytes(StandardCharsets.UTF_8)).end();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + "/files/upload"))
            .header("Content-Type", body.contentType())
            .POST(body.publisher());
    return send(request, token);
  }

  /** {@code token} null: no Authorization header; {@code json} null: no body. */
  private static HttpResponse<String> send(String method, String url, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request, token);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return StorageApi.CLIENT.send(
          request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
