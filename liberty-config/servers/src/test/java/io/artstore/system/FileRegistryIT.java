package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Admin's file registry (SPEC §4): the ingester registers what an element answered; a newer version
 * replaces an older one and never the reverse; every change has its event in the outbox; readers
 * filter and page; only ADMIN service accounts register.
 */
@Order(14)
class FileRegistryIT {
  private static final String FILES = RunningSystem.url("admin") + "/api/v1/files";

  /** The edit element must be in admin's element registry (StorageRegistryIT may have done it). */
  @org.junit.jupiter.api.BeforeAll
  static void editElementIsRegistered() {
    RunningSystem.get();
    int status =
        Http.post(
                RunningSystem.url("admin") + "/api/v1/storage-elements",
                "{\"api_url\":\"" + RunningSystem.url("storage-edit") + "\"}",
                StorageApi.bearer(RunningSystem.adminToken()))
            .statusCode();
    assertTrue(status == 201 || status == 409, "registering se-edit-1: " + status);
  }

  @Test
  void registersWhatTheElementStoredIdempotentlyAndByVersion() throws Exception {
    RunningSystem.get();
    String token = RunningSystem.adminToken();
    String edit = RunningSystem.url("storage-edit") + "/api/v1";
    JsonObject stored =
        StorageApi.uploaded(
            edit,
            token,
            "registry.txt",
            "in the registry".getBytes(StandardCharsets.UTF_8),
            Map.of("tags", "[\"reg\"]"));
    String id = stored.getString("file_id");

    HttpResponse<String> created = Http.post(FILES, stored.toString(), StorageApi.bearer(token));
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(stored, Http.json(created), "the registry keeps the element's document");
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/files/" + id));

    HttpResponse<String> again = Http.post(FILES, stored.toString(), StorageApi.bearer(token));
    assertEquals(200, again.statusCode());

    // The element changes the file; the newer document replaces the record, the older one not.
    HttpResponse<String> patched =
        Http.method(
            "PATCH", edit + "/files/" + id, "{\"description\":\"v2\"}", StorageApi.bearer(token));
    assertEquals(200, patched.statusCode(), patched.body());
    JsonObject v2 = Http.json(patched);
    assertEquals(200, Http.post(FILES, v2.toString(), StorageApi.bearer(token)).statusCode());
    assertEquals(200, Http.post(FILES, stored.toString(), StorageApi.bearer(token)).statusCode());
    JsonObject current = Http.json(Http.get(FILES + "/" + id, StorageApi.bearer(token)));
    assertEquals(2, current.getInt("version"));
    assertEquals("v2", current.getString("description"));

    assertEquals(List.of("file.created", "file.updated"), outboxEvents(id));
    assertTrue(RedisProbe.streamMentions(id, 10), "the outbox relay published the events to Redis");
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (RedisProbe.eventTypes(id).size() < 2 && System.nanoTime() < deadline) {
      RunningSystem.sleep(100);
    }
    assertEquals(
        List.of("file.created", "file.updated"),
        RedisProbe.eventTypes(id),
        "both events on the stream, in order");

    // Filters combine with AND; paging as everywhere.
    HttpResponse<String> mine =
        Http.get(
            FILES
                + "?storage_element_id=se-edit-1&retention_policy=temporary&status=active"
                + "&uploaded_by="
                + stored.getJsonObject("uploaded_by").getString("name")
                + "&limit=1000",
            StorageApi.bearer(token));
    assertEquals(200, mine.statusCode(), mine.body());
    assertTrue(ids(Http.json(mine)).contains(id));
    HttpResponse<String> permanent =
        Http.get(FILES + "?retention_policy=permanent&limit=1000", StorageApi.bearer(token));
    assertTrue(!ids(Http.json(permanent)).contains(id));
    HttpResponse<String> paged = Http.get(FILES + "?limit=1&offset=0", StorageApi.bearer(token));
    assertEquals(1, Http.json(paged).getJsonArray("items").size());
    assertProblem(
        Http.get(FILES + "?status=gone", StorageApi.bearer(token)), 400, "VALIDATION_ERROR");
    assertProblem(Http.get(FILES + "?limit=0", StorageApi.bearer(token)), 400, "VALIDATION_ERROR");
    assertProblem(
        Http.get(FILES + "/" + UUID.randomUUID(), StorageApi.bearer(token)), 404, "NOT_FOUND");

    // Keyset pages for exports: file_id order, strictly after the key, every file once.
    UUID before = new UUID(UUID.fromString(id).getMostSignificantBits(), 0);
    HttpResponse<String> keyset =
        Http.get(FILES + "?after=" + before + "&limit=1000", StorageApi.bearer(token));
    assertEquals(200, keyset.statusCode(), keyset.body());
    List<String> page = ids(Http.json(keyset));
    assertTrue(page.contains(id), "after a smaller key: " + page);
    List<String> sorted = new ArrayList<>(page);
    sorted.sort(null); // canonical lower-case hex sorts like PostgreSQL's uuid order
    assertEquals(sorted, page, "file_id order");
    HttpResponse<String> afterIt = Http.get(FILES + "?after=" + id, StorageApi.bearer(token));
    assertTrue(!ids(Http.json(afterIt)).contains(id), "strictly after the key");
    assertProblem(
        Http.get(FILES + "?after=not-a-uuid", StorageApi.bearer(token)), 400, "VALIDATION_ERROR");

    // Each event carries the whole new record, so consumers need not call back.
    assertEquals(List.of(1L, 2L), outboxVersions(id));
  }

  private static List<Long> outboxVersions(String fileId) throws Exception {
    try (Connection c = RunningSystem.database();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT (payload->'file'->>'version')::bigint FROM admin.event_outbox WHERE"
                    + " aggregate_id = ? AND payload->'file'->>'file_id' = ? ORDER BY id")) {
      s.setString(1, fileId);
      s.setString(2, fileId);
      List<Long> versions = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          versions.add(rs.getLong(1));
        }
      }
      return versions;
    }
  }

  @Test
  void updatesAndDeletesGoThroughTheElementFirst() {
    RunningSystem system = RunningSystem.get();
    String owner = UUID.randomUUID().toString();
    String ownerToken =
        system.tokens().principal(owner, "sa_it_reg_owner", "service_account", "USER");
    String otherToken =
        system
            .tokens()
            .principal(UUID.randomUUID().toString(), "sa_it_reg_other", "service_account", "USER");
    String edit = RunningSystem.url("storage-edit") + "/api/v1";
    JsonObject stored =
        StorageApi.uploaded(
            edit, ownerToken, "through.txt", "through".getBytes(StandardCharsets.UTF_8), Map.of());
    String id = stored.getString("file_id");
    assertEquals(
        201,
        Http.post(FILES, stored.toString(), StorageApi.bearer(RunningSystem.adminToken()))
            .statusCode());

    // Someone else's file: the element's ownership rule answers, relayed with its code.
    HttpResponse<String> refused =
        Http.method(
            "PATCH", FILES + "/" + id, "{\"description\":\"x\"}", StorageApi.bearer(otherToken));
    assertProblem(refused, 403, "FORBIDDEN");
    HttpResponse<String> stale =
        Http.method(
            "PATCH",
            FILES + "/" + id,
            "{\"description\":\"x\"}",
            Map.of("Authorization", "Bearer " + ownerToken, "If-Match", "\"v9\""));
    assertProblem(stale, 412, "PRECONDITION_FAILED");

    HttpResponse<String> patched =
        Http.method(
            "PATCH",
            FILES + "/" + id,
            "{\"description\":\"through admin\",\"tags\":[\"t\"]}",
            Map.of("Authorization", "Bearer " + ownerToken, "If-Match", "\"v1\""));
    assertEquals(200, patched.statusCode(), patched.body());
    assertEquals(2, Http.json(patched).getInt("version"));
    JsonObject onElement =
        Http.json(Http.get(edit + "/files/" + id, StorageApi.bearer(ownerToken)));
    assertEquals("through admin", onElement.getString("description"), "attr.json changed first");
    assertEquals(onElement, Http.json(Http.get(FILES + "/" + id, StorageApi.bearer(ownerToken))));

    assertEquals(
        403,
        Http.method("DELETE", FILES + "/" + id, null, StorageApi.bearer(otherToken)).statusCode());
    assertEquals(
        204,
        Http.method("DELETE", FILES + "/" + id, null, StorageApi.bearer(ownerToken)).statusCode());
    assertEquals(
        "deleted",
        Http.json(Http.get(edit + "/files/" + id, StorageApi.bearer(ownerToken)))
            .getString("status"));
    assertEquals(
        "deleted",
        Http.json(Http.get(FILES + "/" + id, StorageApi.bearer(ownerToken))).getString("status"));
    assertProblem(
        Http.method("DELETE", FILES + "/" + UUID.randomUUID(), null, StorageApi.bearer(ownerToken)),
        404,
        "NOT_FOUND");
    assertTrue(RedisProbe.streamMentions("file.deleted", 10));
  }

  @Test
  void aWipedRegistryIsRebuiltFromTheElement() throws Exception {
    RunningSystem.get();
    String token = RunningSystem.adminToken();
    String edit = RunningSystem.url("storage-edit") + "/api/v1";
    StorageApi.uploaded(
        edit, token, "rebuild.txt", "rebuild me".getBytes(StandardCharsets.UTF_8), Map.of());
    JsonObject onElement =
        Http.json(Http.get(edit + "/files?limit=1000", StorageApi.bearer(token)));
    RunningSystem.sql("DELETE FROM admin.files WHERE storage_element_id = 'se-edit-1'");
    // A row the element does not hold goes away.
    JsonObject ghost =
        Json.createObjectBuilder(onElement.getJsonArray("items").getJsonObject(0))
            .add("file_id", UUID.randomUUID().toString())
            .build();
    assertEquals(201, Http.post(FILES, ghost.toString(), StorageApi.bearer(token)).statusCode());

    HttpResponse<String> rebuilt =
        Http.post(FILES + "/rebuild?element_id=se-edit-1", "", StorageApi.bearer(token));
    assertEquals(200, rebuilt.statusCode(), rebuilt.body());
    JsonObject report = Http.json(rebuilt);
    assertEquals(onElement.getInt("total"), report.getInt("files_on_element"));
    assertEquals(onElement.getInt("total"), report.getInt("created"));
    assertEquals(1, report.getInt("removed"));

    for (JsonValue item : onElement.getJsonArray("items")) {
      JsonObject file = item.asJsonObject();
      assertEquals(
          file,
          Http.json(Http.get(FILES + "/" + file.getString("file_id"), StorageApi.bearer(token))),
          "the registry reproduces the element's document");
    }
    assertEquals(
        404,
        Http.get(FILES + "/" + ghost.getString("file_id"), StorageApi.bearer(token)).statusCode());
    assertProblem(
        Http.post(FILES + "/rebuild?element_id=nowhere", "", StorageApi.bearer(token)),
        400,
        "VALIDATION_ERROR");
    String user = RunningSystem.get().tokens().serviceAccount("sa_it_reg_user2", "USER");
    assertEquals(
        403,
        Http.post(FILES + "/rebuild?element_id=se-edit-1", "", StorageApi.bearer(user))
            .statusCode());
  }

  @Test
  void onlyAdminServiceAccountsRegisterAndEveryRoleReads() {
    RunningSystem system = RunningSystem.get();
    JsonObject broken =
        Json.createObjectBuilder()
            .add("file_id", "not-a-uuid")
            .add("checksum", Json.createObjectBuilder().add("algorithm", "md5").add("value", "x"))
            .build();
    HttpResponse<String> invalid =
        Http.post(FILES, broken.toString(), StorageApi.bearer(RunningSystem.adminToken()));
    assertProblem(invalid, 400, "VALIDATION_ERROR");

    String user = system.tokens().serviceAccount("sa_it_reg_user", "USER");
    String adminUser =
        system.tokens().principal(UUID.randomUUID().toString(), "it-admin", "admin_user", "ADMIN");
    for (String token : List.of(user, adminUser)) {
      assertEquals(403, Http.post(FILES, broken.toString(), StorageApi.bearer(token)).statusCode());
    }
    for (String role : List.of("ADMIN", "USER", "AUDITOR", "READONLY")) {
      String token = system.tokens().serviceAccount("sa_it_reg_" + role.toLowerCase(), role);
      assertEquals(200, Http.get(FILES, StorageApi.bearer(token)).statusCode(), role);
    }
    assertEquals(401, Http.get(FILES).statusCode());
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    for (JsonValue item : page.getJsonArray("items")) {
      ids.add(item.asJsonObject().getString("file_id"));
    }
    return ids;
  }

  private static List<String> outboxEvents(String fileId) throws Exception {
    try (Connection c = RunningSystem.database();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT event_type FROM admin.event_outbox WHERE aggregate_id = ? ORDER BY id")) {
      s.setString(1, fileId);
      List<String> types = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1));
        }
      }
      return types;
    }
  }
}
