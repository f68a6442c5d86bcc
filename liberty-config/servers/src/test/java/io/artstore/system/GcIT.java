package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Retention and GC on admin (SPEC §4): temporary files past their expiry and deleted files past the
 * grace are removed through their element's GC endpoint and recorded (registry status, purged_at,
 * audit, file.purged on the Redis stream); what must stay stays; failures back off and succeed once
 * the element is back; file.expiring is raised once; capacity warnings per crossing; metrics; the
 * role matrix of /api/v1/gc.
 *
 * <p>A standalone edit element whose ttl day lasts 3 s makes "expired" a matter of seconds, and at
 * most 100 KiB makes a 90 KiB file cross the capacity warning; a standalone rw element holds the
 * permanent file (the system's se-rw-1 is read-only once StorageModeIT has run).
 */
@Order(15)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GcIT {
  private static final String ADMIN = RunningSystem.url("admin");
  private static final String GC = ADMIN + "/api/v1/gc";
  private static final String FILES = ADMIN + "/api/v1/files";
  private static final String ELEMENTS = ADMIN + "/api/v1/storage-elements";
  private static final String ELEMENT_ID = "se-gc-1";
  private static final Duration TTL_DAY = Duration.ofSeconds(3);

  private static final String RW_ELEMENT_ID = "se-gc-rw-1";

  private static StandaloneElement element;
  private static StandaloneElement rwElement;
  private static String registryId;
  private static String rwRegistryId;
  private static TestTokens tokens;

  @BeforeAll
  static void startElement() {
    tokens = RunningSystem.get().tokens();
    element =
        new StandaloneElement(
                ELEMENT_ID,
                8018,
                "256m",
                Map.of(
                    "ARTSTORE_SE_MODE", "edit",
                    "ARTSTORE_SE_TTL_DAY", "PT3S",
                    "ARTSTORE_SE_MAX_SIZE", "100KiB"))
            .start();
    HttpResponse<String> registered =
        Http.post(ELEMENTS, "{\"api_url\":\"" + element.url() + "\"}", RunningSystem.asAdmin());
    assertEquals(201, registered.statusCode(), registered.body());
    registryId = Http.json(registered).getString("id");
    // The permanent file needs an rw element of its own: the system's se-rw-1 is read-only once
    // StorageModeIT has run.
    rwElement =
        new StandaloneElement(RW_ELEMENT_ID, 8014, "256m", Map.of("ARTSTORE_SE_MODE", "rw"))
            .start();
    HttpResponse<String> rw =
        Http.post(ELEMENTS, "{\"api_url\":\"" + rwElement.url() + "\"}", RunningSystem.asAdmin());
    assertEquals(201, rw.statusCode(), rw.body());
    rwRegistryId = Http.json(rw).getString("id");
  }

  @AfterAll
  static void stopElements() {
    // Stopped and synced, so the registry (and the ingester's discovery) shows them offline at
    // once.
    for (StandaloneElement e : new StandaloneElement[] {element, rwElement}) {
      if (e != null) {
        e.stop();
      }
    }
    for (String id : new String[] {registryId, rwRegistryId}) {
      if (id != null) {
        Http.post(ELEMENTS + "/" + id + "/sync", "{}", RunningSystem.asAdmin());
      }
    }
  }

  @Test
  @Order(1)
  void anExpiredTemporaryFileIsPurgedAndWhatMustStayStays() throws Exception {
    String token = RunningSystem.adminToken();
    JsonObject expiring = registered(element.api(), token, "expiring.bin", 90 * 1024, "1");
    JsonObject longLived = registered(element.api(), token, "long.txt", 64, "365");
    JsonObject permanent =
        registered(
            rwElement.api(),
            token,
            "permanent.txt",
            64,
            null,
            Map.of("retention_policy", "permanent"));
    String expiringId = expiring.getString("file_id");

    // 90 KiB of 100 KiB: the sync crosses the 85 % threshold, once.
    sync();
    sync();
    assertEquals(1, outboxCount("storage_element.capacity_warning", registryId));
    assertTrue(
        metricLines("artstore_storage_element_capacity_warning")
            .anyMatch(l -> l.contains(ELEMENT_ID) && l.trim().endsWith(" 1.0")),
        "capacity warning gauge of " + ELEMENT_ID);

    awaitPast(Instant.parse(expiring.getString("expires_at")));
    HttpResponse<String> run = Http.post(GC + "/run", "", RunningSystem.asAdmin());
    assertEquals(200, run.statusCode(), run.body());
    JsonObject summary = Http.json(run);
    assertEquals("manual", summary.getString("trigger"));
    assertTrue(summary.getBoolean("ignored_backoff"));
    for (String count : List.of("examined", "purged", "failed", "skipped", "expiring_events")) {
      assertTrue(summary.getInt(count) >= 0, count);
    }
    assertTrue(summary.getInt("examined") >= summary.getInt("purged"));
    assertTrue(summary.containsKey("pending"));

    // Gone from the element (its GC view and its disk), recorded everywhere.
    assertFalse(existsOnElement(element.api(), expiringId));
    assertEquals(List.of(), filesNamed(element.dataDir, expiring.getString("storage_filename")));
    Map<String, Object> row = fileRow(expiringId);
    assertEquals("expired", row.get("status"));
    assertNotNull(row.get("purged_at"));
    assertEquals(
        "expired",
        Http.json(Http.get(FILES + "/" + expiringId, RunningSystem.asAdmin())).getString("status"));
    assertEquals(1, outboxCount("file.purged", expiringId));
    assertTrue(awaitAudit("file.purge", "file:" + expiringId), "audit record by gc");
    assertTrue(RedisProbe.streamMentions("file.purged", 10), "file.purged on the Redis stream");
    assertTrue(awaitPublished("file.purged", expiringId), "the relay published file.purged");

    // A 365-day temporary file and a permanent file are never touched.
    assertTrue(existsOnElement(element.api(), longLived.getString("file_id")));
    assertEquals("active", fileRow(longLived.getString("file_id")).get("status"));
    assertNull(fileRow(longLived.getString("file_id")).get("purged_at"));
    assertTrue(existsOnElement(rwElement.api(), permanent.getString("file_id")));
    assertEquals("active", fileRow(permanent.getString("file_id")).get("status"));
    assertNull(fileRow(permanent.getString("file_id")).get("purged_at"));

    // 365 ttl days of 3 s each end within the default 7-day window: one file.expiring, once.
    assertEquals(1, outboxCount("file.expiring", longLived.getString("file_id")));
    assertEquals(0, outboxCount("file.expiring", permanent.getString("file_id")));
    assertEquals(200, Http.post(GC + "/run", "", RunningSystem.asAdmin()).statusCode());
    assertEquals(1, outboxCount("file.expiring", longLived.getString("file_id")));
    assertNotNull(fileRow(longLived.getString("file_id")).get("expiring_notified_at"));

    // The space came back: the warning clears, so the next crossing would raise again.
    sync();
    assertNull(capacityWarningSince(), "warning cleared below the threshold");
    assertTrue(
        metricLines("artstore_storage_element_capacity_warning")
            .anyMatch(l -> l.contains(ELEMENT_ID) && l.trim().endsWith(" 0.0")));

    JsonObject status = Http.json(Http.get(GC + "/status", RunningSystem.asAdmin()));
    assertEquals("manual", status.getJsonObject("last_run").getString("trigger"));
    assertEquals("PT8S", status.getString("deleted_grace"));
    assertTrue(status.getJsonNumber("pending").longValue() >= 0);
  }

  @Test
  @Order(2)
  void aDeletedFileGoesOnlyAfterTheGrace() throws Exception {
    String token = RunningSystem.adminToken();
    JsonObject file = registered(element.api(), token, "deleted.txt", 32, "365");
    String id = file.getString("file_id");
    HttpResponse<String> deleted =
        Http.method("DELETE", FILES + "/" + id, null, StorageApi.bearer(token));
    assertEquals(204, deleted.statusCode(), deleted.body());
    Instant deletedAt = ((Timestamp) fileRow(id).get("updated_at")).toInstant();

    assertEquals(200, Http.post(GC + "/run", "", RunningSystem.asAdmin()).statusCode());
    if (Instant.now().isBefore(deletedAt.plus(RunningSystem.GC_DELETED_GRACE))) {
      assertTrue(existsOnElement(element.api(), id), "kept within the grace");
      assertNull(fileRow(id).get("purged_at"));
    }

    awaitPast(deletedAt.plus(RunningSystem.GC_DELETED_GRACE));
    assertEquals(200, Http.post(GC + "/run", "", RunningSystem.asAdmin()).statusCode());
    assertFalse(existsOnElement(element.api(), id));
    assertEquals(List.of(), filesNamed(element.dataDir, file.getString("storage_filename")));
    Map<String, Object> row = fileRow(id);
    assertEquals("deleted", row.get("status"), "a deleted file stays deleted");
    assertNotNull(row.get("purged_at"));
    assertEquals(1, outboxCount("file.purged", id));
    assertTrue(awaitAudit("file.purge", "file:" + id));
  }

  @Test
  @Order(3)
  void aFailedRemovalBacksOffAndSucceedsOnceTheElementIsBack() throws Exception {
    String token = RunningSystem.adminToken();
    JsonObject file = registered(element.api(), token, "later.txt", 32, "1");
    String id = file.getString("file_id");
    element.stop();
    awaitPast(Instant.parse(file.getString("expires_at")));

    HttpResponse<String> first = Http.post(GC + "/run", "", RunningSystem.asAdmin());
    assertEquals(200, first.statusCode(), first.body());
    assertTrue(Http.json(first).getInt("failed") >= 1, first.body());
    Map<String, Object> failed = fileRow(id);
    assertEquals(1, failed.get("gc_attempts"));
    assertNotNull(failed.get("gc_last_error"));
    assertNull(failed.get("purged_at"));
    assertEquals("active", failed.get("status"));
    Duration backoff = between(failed.get("gc_last_attempt_at"), failed.get("gc_next_attempt_at"));
    assertTrue(
        backoff.compareTo(Duration.ofSeconds(50)) > 0
            && backoff.compareTo(Duration.ofSeconds(70)) < 0,
        "first back-off about one minute: " + backoff);

    // An explicit run tries it again at once; the back-off doubles.
    assertEquals(200, Http.post(GC + "/run", "", RunningSystem.asAdmin()).statusCode());
    Map<String, Object> again = fileRow(id);
    assertEquals(2, again.get("gc_attempts"));
    Duration doubled = between(again.get("gc_last_attempt_at"), again.get("gc_next_attempt_at"));
    assertTrue(
        doubled.compareTo(Duration.ofSeconds(110)) > 0
            && doubled.compareTo(Duration.ofSeconds(130)) < 0,
        "second back-off about two minutes: " + doubled);

    JsonObject status = Http.json(Http.get(GC + "/status", RunningSystem.asAdmin()));
    assertTrue(status.getJsonNumber("failing").longValue() >= 1);
    assertTrue(
        status.getJsonArray("failures").stream()
            .map(JsonValue::asJsonObject)
            .anyMatch(
                f ->
                    f.getString("file_id").equals(id)
                        && f.getInt("attempts") == 2
                        && f.getString("storage_element_id").equals(ELEMENT_ID)
                        && f.containsKey("next_attempt_at")),
        status.toString());
    assertTrue(metricValue("artstore_gc_failures") >= 2);

    // The element is back (the operator syncs it, or the health sync notices within 30 s).
    element.start();
    assertEquals(200, sync().statusCode());
    assertTrue(existsOnElement(element.api(), id), "still there while GC could not reach it");
    HttpResponse<String> retried = Http.post(GC + "/run", "", RunningSystem.asAdmin());
    assertEquals(200, retried.statusCode(), retried.body());
    assertFalse(existsOnElement(element.api(), id));
    Map<String, Object> purged = fileRow(id);
    assertEquals("expired", purged.get("status"));
    assertNotNull(purged.get("purged_at"));
    assertNull(purged.get("gc_last_error"));
    assertEquals(1, outboxCount("file.purged", id));
  }

  @Test
  @Order(4)
  void theElementsRetentionCheckStillRules() throws Exception {
    // A registry that is wrong about the expiry (restored from an old backup, say) cannot make GC
    // remove a file before its time: the element refuses (409 RETENTION_LOCKED), GC records it.
    String token = RunningSystem.adminToken();
    JsonObject file = registered(element.api(), token, "locked.txt", 32, "365");
    String id = file.getString("file_id");
    RunningSystem.sql(
        "UPDATE admin.files SET expires_at = now() - interval '1 hour' WHERE file_id = '"
            + id
            + "'");
    assertEquals(200, Http.post(GC + "/run", "", RunningSystem.asAdmin()).statusCode());
    assertTrue(existsOnElement(element.api(), id));
    Map<String, Object> row = fileRow(id);
    assertNull(row.get("purged_at"));
    assertEquals("active", row.get("status"));
    assertTrue(
        String.valueOf(row.get("gc_last_error")).contains("RETENTION_LOCKED"), row.toString());
    // It must not be retried forever at full speed either; and the registry is made right again.
    RunningSystem.sql(
        "UPDATE admin.files SET expires_at = '"
            + file.getString("expires_at")
            + "', gc_attempts = 0, gc_last_error = NULL, gc_next_attempt_at = NULL"
            + " WHERE file_id = '"
            + id
            + "'");
  }

  @Test
  @Order(5)
  void metricsAreOnAdminsMetricsEndpoint() {
    String metrics = Http.get(ADMIN + "/metrics").body();
    for (String name :
        List.of(
            "artstore_gc_runs",
            "artstore_gc_files_purged",
            "artstore_gc_failures",
            "artstore_gc_expiring_events",
            "artstore_gc_pending_files",
            "artstore_gc_last_run_timestamp_seconds",
            "artstore_storage_element_capacity_used_percent",
            "artstore_storage_element_capacity_warning")) {
      assertTrue(metrics.contains(name), name);
    }
    assertTrue(metricValue("artstore_gc_runs") >= 1);
    assertTrue(metricValue("artstore_gc_files_purged") >= 3);
    assertTrue(
        metricValue("artstore_gc_last_run_timestamp_seconds")
            >= Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
  }

  @Test
  @Order(6)
  void onlyAdminsRunOrReadGc() throws Exception {
    Map<String, String> allowed = new LinkedHashMap<>();
    allowed.put("ADMIN service account", RunningSystem.adminToken());
    allowed.put(
        "ADMIN user",
        tokens.principal(UUID.randomUUID().toString(), "it-gc-admin", "admin_user", "ADMIN"));
    allowed.put(
        "SUPER_ADMIN user",
        tokens.principal(UUID.randomUUID().toString(), "it-gc-root", "admin_user", "SUPER_ADMIN"));
    for (Map.Entry<String, String> caller : allowed.entrySet()) {
      Map<String, String> auth = StorageApi.bearer(caller.getValue());
      HttpResponse<String> run = Http.post(GC + "/run", "", auth);
      assertEquals(200, run.statusCode(), caller.getKey() + ": " + run.body());
      assertEquals(200, Http.get(GC + "/status", auth).statusCode(), caller.getKey());
    }

    Map<String, String> refused = new LinkedHashMap<>();
    for (String role : List.of("USER", "AUDITOR", "READONLY")) {
      refused.put(role + " service account", tokens.serviceAccount("sa_it_gc_" + role, role));
    }
    refused.put(
        "READONLY user",
        tokens.principal(UUID.randomUUID().toString(), "it-gc-ro", "admin_user", "READONLY"));
    for (Map.Entry<String, String> caller : refused.entrySet()) {
      Map<String, String> auth = StorageApi.bearer(caller.getValue());
      assertProblem(Http.post(GC + "/run", "", auth), 403, "FORBIDDEN");
      assertProblem(Http.get(GC + "/status", auth), 403, "FORBIDDEN");
    }

    List<Map<String, String>> unauthenticated =
        List.of(
            Map.of(),
            Map.of("Authorization", "Bearer not-a-token"),
            StorageApi.bearer(TestTokens.foreignKey().serviceAccount("sa_it_gc_foreign", "ADMIN")),
            StorageApi.bearer(tokens.expired(Duration.ofMinutes(10), "ADMIN")));
    // Liberty's MicroProfile JWT answers these before the application: 401 with the RFC 6750
    // challenge, as on every protected endpoint (AuthIT).
    for (Map<String, String> auth : unauthenticated) {
      for (HttpResponse<String> response :
          List.of(Http.post(GC + "/run", "", auth), Http.get(GC + "/status", auth))) {
        assertEquals(401, response.statusCode(), auth.toString());
        AuthIT.assertChallenge(response);
      }
    }
  }

  // --- helpers

  private static JsonObject registered(
      String api, String token, String name, int size, String ttlDays) {
    return registered(api, token, name, size, ttlDays, Map.of());
  }

  /** Uploads to the element directly and registers the element's answer with admin. */
  private static JsonObject registered(
      String api,
      String token,
      String name,
      int size,
      String ttlDays,
      Map<String, String> extraFields) {
    Map<String, String> fields = new LinkedHashMap<>(extraFields);
    if (ttlDays != null) {
      fields.put("retention_policy", "temporary");
      fields.put("ttl_days", ttlDays);
    }
    fields.put("uploaded_by", "{\"id\":\"it-gc\",\"name\":\"it-gc\"}");
    byte[] content = new byte[size];
    java.util.Arrays.fill(content, (byte) 'g');
    JsonObject stored = StorageApi.uploaded(api, token, name, content, fields);
    HttpResponse<String> registered = Http.post(FILES, stored.toString(), StorageApi.bearer(token));
    assertEquals(201, registered.statusCode(), registered.body());
    return stored;
  }

  private static HttpResponse<String> sync() {
    return Http.post(ELEMENTS + "/" + registryId + "/sync", "{}", RunningSystem.asAdmin());
  }

  private static boolean existsOnElement(String api, String id) {
    HttpResponse<String> answer = Http.get(api + "/gc/" + id + "/exists", RunningSystem.asAdmin());
    assertEquals(200, answer.statusCode(), answer.body());
    return Http.json(answer).getBoolean("exists");
  }

  private static List<Path> filesNamed(Path dir, String storageFilename) {
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> p.getFileName().toString().startsWith(storageFilename)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitPast(Instant instant) {
    while (!Instant.now().isAfter(instant.plusMillis(500))) {
      RunningSystem.sleep(200);
    }
  }

  private static Duration between(Object from, Object to) {
    return Duration.between(((Timestamp) from).toInstant(), ((Timestamp) to).toInstant());
  }

  private static Map<String, Object> fileRow(String id) throws Exception {
    try (Connection c = RunningSystem.database();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT status, purged_at, gc_attempts, gc_last_error, gc_last_attempt_at,"
                    + " gc_next_attempt_at, expiring_notified_at, updated_at"
                    + " FROM admin.files WHERE file_id = ?::uuid")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next(), "registry row of " + id);
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        return row;
      }
    }
  }

  private static int outboxCount(String type, String aggregateId) throws Exception {
    try (Connection c = RunningSystem.database();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM admin.event_outbox WHERE event_type = ? AND aggregate_id = ?")) {
      s.setString(1, type);
      s.setString(2, aggregateId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static boolean awaitPublished(String type, String aggregateId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = RunningSystem.database();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT id FROM admin.event_outbox WHERE event_type = ? AND aggregate_id = ?"
                      + " AND published_at IS NOT NULL")) {
        s.setString(1, type);
        s.setString(2, aggregateId);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            String outboxId = Long.toString(rs.getLong(1));
            String stream =
                RedisProbe.command("XREVRANGE", "artstore:events", "+", "-", "COUNT", "1000");
            return stream.contains(aggregateId) && stream.contains(outboxId);
          }
        }
      }
      RunningSystem.sleep(200);
    }
    return false;
  }

  private static boolean awaitAudit(String action, String resource) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = RunningSystem.database();
          PreparedStatement s =
              c.prepareStatement(
                  "SELECT count(*) FROM admin.audit_events WHERE action = ? AND resource = ?"
                      + " AND actor = 'gc' AND result = 'success'")) {
        s.setString(1, action);
        s.setString(2, resource);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getInt(1) == 1) {
            return true;
          }
        }
      }
      RunningSystem.sleep(200);
    }
    return false;
  }

  private static Timestamp capacityWarningSince() throws Exception {
    try (Connection c = RunningSystem.database();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT capacity_warning_since FROM admin.storage_elements WHERE id = ?::uuid")) {
      s.setString(1, registryId);
      try (ResultSet rs = s.executeQuery()) {
        assertTrue(rs.next());
        return rs.getTimestamp(1);
      }
    }
  }

  private static Stream<String> metricLines(String name) {
    return Http.get(ADMIN + "/metrics").body().lines().filter(l -> l.startsWith(name));
  }

  /** The sum of a metric's samples on admin's /metrics. */
  private static double metricValue(String name) {
    List<Double> values = new ArrayList<>();
    metricLines(name)
        .forEach(
            l -> {
              String[] parts = l.trim().split(" ");
              values.add(Double.parseDouble(parts[parts.length - 1]));
            });
    assertFalse(values.isEmpty(), "metric " + name);
    return values.stream().mapToDouble(Double::doubleValue).sum();
  }
}
