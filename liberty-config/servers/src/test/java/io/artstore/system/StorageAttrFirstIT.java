package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * attr.json is the single source of truth (SPEC §3.5): the cache is rebuilt from it after its
 * schema is dropped, row for row; hand edits, missing data, stray files and flipped bits are found
 * and reported; repair makes the cache match attr.json and nothing heals bytes silently.
 */
@Order(21)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageAttrFirstIT {
  private static StandaloneElement element;
  private static String token;
  private static final Map<String, JsonObject> uploaded = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    RunningSystem.get();
    token = RunningSystem.adminToken();
    element = new StandaloneElement("se-attr-1", 8013, "256m", Map.of()).start();
    for (int i = 0; i < 12; i++) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("description", "Document " + i + " — описание");
      fields.put("tags", "[\"t" + i + "\",\"shared\"]");
      fields.put("metadata", "{\"index\":" + i + ",\"dept\":\"d" + (i % 3) + "\"}");
      fields.put("ttl_days", Integer.toString(1 + i));
      JsonObject file =
          StorageApi.uploaded(
              element.api(),
              token,
              "Отчёт-" + i + ".txt",
              ("content " + i).getBytes(StandardCharsets.UTF_8),
              fields);
      uploaded.put(file.getString("file_id"), file);
    }
    // A second version for some, so a rebuild must restore versions, not defaults.
    String first = uploaded.keySet().iterator().next();
    HttpResponse<String> patched =
        Http.method(
            "PATCH",
            element.api() + "/files/" + first,
            "{\"description\":\"patched\",\"tags\":[\"p\"]}",
            StorageApi.bearer(token));
    assertEquals(200, patched.statusCode(), patched.body());
  }

  @AfterAll
  static void stop() {
    if (element != null) {
      element.close();
    }
  }

  @Test
  @Order(1)
  void droppedSchemaIsRebuiltRowForRowFromAttrJson() throws Exception {
    Map<String, JsonObject> before = snapshot();
    assertEquals(12, before.size());
    RunningSystem.sql("DROP SCHEMA " + element.schema + " CASCADE");

    // Reads go on from attr.json meanwhile.
    String any = before.keySet().iterator().next();
    HttpResponse<String> read = Http.get(element.api() + "/files/" + any, StorageApi.bearer(token));
    assertEquals(200, read.statusCode(), read.body());
    assertEquals(before.get(any), Http.json(read));

    HttpResponse<String> rebuild =
        Http.post(element.api() + "/cache/rebuild", "", StorageApi.bearer(token));
    assertEquals(200, rebuild.statusCode(), rebuild.body());
    JsonObject report = Http.json(rebuild);
    assertEquals(12, report.getInt("attr_files_scanned"));
    assertEquals(12, report.getInt("entries_after"));

    assertEquals(before, snapshot(), "every row identical after the rebuild");
  }

  @Test
  @Order(2)
  void incrementalRebuildRestoresAMissingRow() throws Exception {
    String victim = uploaded.keySet().stream().skip(3).findFirst().orElseThrow();
    Map<String, JsonObject> before = snapshot();
    RunningSystem.sql("DELETE FROM " + element.schema + ".files WHERE file_id = '" + victim + "'");
    JsonObject check = consistency();
    assertFalse(check.getBoolean("consistent"));
    assertEquals(1, check.getJsonObject("counts").getInt("orphan_attr"));

    HttpResponse<String> rebuild =
        Http.post(element.api() + "/cache/rebuild?incremental=true", "", StorageApi.bearer(token));
    assertEquals(200, rebuild.statusCode(), rebuild.body());
    assertEquals(1, Http.json(rebuild).getInt("entries_written"));
    assertEquals(before, snapshot());
    assertTrue(consistency().getBoolean("consistent"));
  }

  @Test
  @Order(3)
  void handEditedAttrJsonIsReportedAndRepairMakesTheCacheMatch() throws Exception {
    String victim = uploaded.keySet().stream().skip(1).findFirst().orElseThrow();
    Path attr = attrFile(victim);
    JsonObject doc = readJson(Files.readString(attr, StandardCharsets.UTF_8));
    JsonObject edited = Json.createObjectBuilder(doc).add("description", "edited by hand").build();
    Files.writeString(attr, edited.toString(), StandardCharsets.UTF_8);

    JsonObject check = consistency();
    assertFalse(check.getBoolean("consistent"));
    assertEquals(1, check.getJsonObject("counts").getInt("cache_mismatch"), check.toString());
    assertEquals(victim, issue(check, "cache_mismatch").getString("file_id"));

    HttpResponse<String> repair =
        Http.post(
            element.api() + "/maintenance/reconcile?repair=true", "", StorageApi.bearer(token));
    assertEquals(200, repair.statusCode(), repair.body());
    assertEquals(1, Http.json(repair).getInt("repaired_entries"));
    JsonObject after =
        Http.json(Http.get(element.api() + "/files/" + victim, StorageApi.bearer(token)));
    assertEquals("edited by hand", after.getString("description"));
    assertTrue(consistency().getBoolean("consistent"));
  }

  @Test
  @Order(4)
  void missingDataAndStrayFilesAreReportedNotRepaired() throws Exception {
    String victim = uploaded.keySet().stream().skip(2).findFirst().orElseThrow();
    Path data = dataFile(victim);
    Files.delete(data);
    Path stray = element.dataDir.resolve("2020/01/01/00/stray.bin");
    Files.createDirectories(stray.getParent());
    Files.writeString(stray, "nobody knows me");

    JsonObject check = consistency();
    assertEquals(1, check.getJsonObject("counts").getInt("missing_data"), check.toString());
    assertEquals(victim, issue(check, "missing_data").getString("file_id"));
    assertEquals(1, check.getJsonObject("counts").getInt("orphan_file"));
    assertEquals("2020/01/01/00/stray.bin", issue(check, "orphan_file").getString("key"));

    Http.post(element.api() + "/maintenance/reconcile?repair=true", "", StorageApi.bearer(token));
    assertTrue(Files.exists(stray), "repair never deletes bytes");
    assertEquals(1, consistency().getJsonObject("counts").getInt("missing_data"));
    Files.delete(stray);
  }

  @Test
  @Order(5)
  void aFlippedByteIsAFixityFailureAndStaysAsFound() throws Exception {
    String victim = uploaded.keySet().stream().skip(5).findFirst().orElseThrow();
    Path data = dataFile(victim);
    byte[] bytes = Files.readAllBytes(data);
    bytes[0] ^= 0x01;
    Files.write(data, bytes);
    double failuresBefore = failuresMetric();

    HttpResponse<String> run =
        Http.post(
            element.api() + "/maintenance/fixity?file_id=" + victim, "", StorageApi.bearer(token));
    assertEquals(200, run.statusCode(), run.body());
    JsonObject report = Http.json(run);
    assertEquals(1, report.getInt("failures_found"));
    JsonObject failure = report.getJsonArray("failures").getJsonObject(0);
    assertEquals(victim, failure.getString("file_id"));
    assertEquals("checksum_mismatch", failure.getString("kind"));
    assertEquals(
        uploaded.get(victim).getJsonObject("checksum").getString("value"),
        failure.getString("expected"));

    // A full run finds it too (and the file deleted in the previous test, as missing).
    JsonObject all =
        Http.json(Http.post(element.api() + "/maintenance/fixity", "", StorageApi.bearer(token)));
    assertEquals(12, all.getInt("files_checked"), "the file without data counts too");
    assertTrue(all.getInt("failures_found") >= 2, all.toString());
    assertEquals(
        all, Http.json(Http.get(element.api() + "/maintenance/fixity", StorageApi.bearer(token))));
    assertTrue(failuresMetric() >= failuresBefore + 2);

    assertArrayEquals(bytes, Files.readAllBytes(data), "nothing healed the bytes");
    JsonObject metadata =
        Http.json(Http.get(element.api() + "/files/" + victim, StorageApi.bearer(token)));
    assertEquals(
        uploaded.get(victim).getJsonObject("checksum"), metadata.getJsonObject("checksum"));
  }

  private static double failuresMetric() {
    try {
      return StorageCrashIT.metric(element.url(), "artstore_se_fixity_failures_total");
    } catch (AssertionError none) {
      return 0;
    }
  }

  private static JsonObject issue(JsonObject report, String kind) {
    for (JsonValue v : report.getJsonArray("issues")) {
      if (v.asJsonObject().getString("kind").equals(kind)) {
        return v.asJsonObject();
      }
    }
    throw new AssertionError("no " + kind + " in " + report);
  }

  private static JsonObject consistency() {
    HttpResponse<String> response =
        Http.get(element.api() + "/cache/consistency", StorageApi.bearer(token));
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  /** Every file as the API shows it, by id (what the cache answers). */
  private static Map<String, JsonObject> snapshot() {
    HttpResponse<String> list =
        Http.get(element.api() + "/files?limit=1000", StorageApi.bearer(token));
    assertEquals(200, list.statusCode(), list.body());
    Map<String, JsonObject> files = new LinkedHashMap<>();
    for (JsonValue item : Http.json(list).getJsonArray("items")) {
      files.put(item.asJsonObject().getString("file_id"), item.asJsonObject());
    }
    return files;
  }

  private static Path dataFile(String fileId) {
    JsonObject file = uploaded.get(fileId);
    return element
        .dataDir
        .resolve(file.getString("storage_path"))
        .resolve(file.getString("storage_filename"));
  }

  private static Path attrFile(String fileId) {
    Path data = dataFile(fileId);
    return data.resolveSibling(data.getFileName() + ".attr.json");
  }

  private static JsonObject readJson(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
