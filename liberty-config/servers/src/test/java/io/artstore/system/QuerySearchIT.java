package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The query service's search against the running system (SPEC §6, issue 6): files go in through the
 * ingester, reach the index through admin's event stream, and are found by words, substrings, names
 * and every filter. Each run tags its files with a tag of its own, so other tests' files never
 * disturb the counts.
 */
@Order(26)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuerySearchIT {
  static final String QUERY = RunningSystem.url("query") + "/api/v1";
  static final String INGESTER = RunningSystem.url("ingester") + "/api/v1";
  static final String ADMIN = RunningSystem.url("admin") + "/api/v1";
  private static final Duration FRESHNESS = Duration.ofSeconds(2);

  private static final String RUN = "qs" + UUID.randomUUID().toString().substring(0, 8);
  private static final String FRESH = RUN + "-fresh";

  private static TestTokens tokens;
  private static String alice;
  private static String bob;
  private static String admin;
  private static Instant beforeFixture;
  private static final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  static void fixture() {
    tokens = RunningSystem.get().tokens();
    alice = tokens.principal("it-qs-alice", "qs-alice", "service_account", "USER");
    bob = tokens.principal("it-qs-bob", "qs-bob", "service_account", "USER");
    admin = RunningSystem.adminToken();
    beforeFixture = Instant.now().minusSeconds(1);
    upload(
        alice,
        "annual",
        "Annual_Report-2025.pdf",
        "application/pdf",
        1000,
        "Yearly overview of the company",
        List.of(RUN, "finance"),
        Map.of("dept", "finance"));
    upload(
        alice,
        "notes",
        "notes.txt",
        "text/plain",
        2000,
        "Draft of the report for the board",
        List.of(RUN),
        Map.of());
    upload(
        bob,
        "russian",
        "Квартальный_отчет.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        3000,
        "Квартальные отчёты бухгалтерии",
        List.of(RUN, "бухгалтерия"),
        Map.of("dept", "accounting"));
    upload(
        bob,
        "scan",
        "image-scan-0042.png",
        "image/png",
        40_000,
        "Scanned invoice INV-2024-001",
        List.of(RUN, "scan"),
        Map.of());
    upload(
        alice,
        "csv",
        "processing-reports.csv",
        "text/csv",
        5000,
        "Monthly processing statistics",
        List.of(RUN),
        Map.of());
    // All five indexed before the tests read counts.
    awaitTotal((b -> b.add("tags", array(RUN))), 5, Duration.ofSeconds(10));
  }

  @AfterAll
  static void thaw() {
    long redis = RunningSystem.get().redisPid();
    if (redis > 0) {
      RunningSystem.signal("-CONT", Long.toString(redis));
    }
  }

  // --- freshness -----------------------------------------------------------------------------

  @Test
  @Order(1)
  void anUploadIsFoundByADescriptionWordWithinTwoSeconds() {
    String word = "fresh" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    JsonObject uploaded =
        upload(
            alice,
            "fresh",
            "freshness.txt",
            "text/plain",
            100,
            "a note about " + word,
            List.of(FRESH),
            Map.of());
    Instant created = Instant.now();
    JsonObject found = awaitTotal((b -> b.add("query", word)), 1, FRESHNESS);
    assertEquals(uploaded.getString("file_id"), files(found).get(0), "found within 2 s of the 201");
    assertTrue(Duration.between(created, Instant.now()).compareTo(FRESHNESS) <= 0);
  }

  @Test
  @Order(2)
  void aMetadataUpdateIsSearchableWithinTwoSeconds() {
    String newTag = "tag" + UUID.randomUUID().toString().substring(0, 8);
    String id = ids.get("fresh");
    HttpResponse<String> patched =
        Http.method(
            "PATCH",
            ADMIN + "/files/" + id,
            Json.createObjectBuilder().add("tags", array(FRESH, newTag)).build().toString(),
            bearer(alice));
    assertEquals(200, patched.statusCode(), patched.body());
    JsonObject found = awaitTotal((b -> b.add("tags", array(newTag))), 1, FRESHNESS);
    assertEquals(id, files(found).get(0));
    // The metadata read follows too (caches are evicted by the same event).
    awaitMetadata(id, f -> f.getJsonArray("tags").toString().contains(newTag), FRESHNESS);
  }

  @Test
  @Order(3)
  void aDeletedFileIsGoneWithinTwoSeconds() {
    String id = ids.get("fresh");
    HttpResponse<String> deleted =
        Http.method("DELETE", INGESTER + "/files/" + id, null, bearer(alice));
    assertEquals(204, deleted.statusCode(), deleted.body());
    awaitTotal((b -> b.add("tags", array(FRESH))), 0, FRESHNESS);
    JsonObject asDeleted = search(b -> b.add("tags", array(FRESH)).add("status", "deleted"));
    assertEquals(List.of(id), files(asDeleted), "still findable as deleted");
    awaitMetadata(id, f -> "deleted".equals(f.getString("status")), FRESHNESS);
  }

  // --- relevance and language ----------------------------------------------------------------

  @Test
  @Order(10)
  void russianWordFormsAndEnglishStemsMatch() {
    assertEquals(List.of(ids.get("russian")), files(inRun(b -> b.add("query", "отчёты"))));
    assertEquals(List.of(ids.get("russian")), files(inRun(b -> b.add("query", "отчет"))));
    assertEquals(List.of(ids.get("russian")), files(inRun(b -> b.add("query", "ОТЧЕТАМИ"))));
    List<String> reporting = files(inRun(b -> b.add("query", "reporting")));
    assertTrue(
        reporting.containsAll(List.of(ids.get("annual"), ids.get("notes"), ids.get("csv"))),
        "report, reports and Report all match 'reporting': " + reporting);
    assertEquals(List.of(ids.get("csv")), files(inRun(b -> b.add("query", "statistic"))));
    // Codes and identifiers as written ('simple' configuration).
    assertEquals(List.of(ids.get("scan")), files(inRun(b -> b.add("query", "INV-2024-001"))));
  }

  @Test
  @Order(11)
  void aFilenameMatchRanksAboveADescriptionMatch() {
    JsonObject result = inRun(b -> b.add("query", "report"));
    List<String> order = files(result);
    assertTrue(order.indexOf(ids.get("annual")) >= 0 && order.indexOf(ids.get("notes")) >= 0);
    assertTrue(
        order.indexOf(ids.get("annual")) < order.indexOf(ids.get("notes")),
        "filename match first: " + order);
    assertTrue(order.indexOf(ids.get("csv")) < order.indexOf(ids.get("notes")), order.toString());
    JsonArray items = result.getJsonArray("items");
    double previous = Double.MAX_VALUE;
    for (JsonValue item : items) {
      double score = item.asJsonObject().getJsonNumber("score").doubleValue();
      assertTrue(score > 0 && score <= previous, "scores descend: " + items);
      previous = score;
    }
    String snippet = items.getJsonObject(0).getString("snippet");
    assertTrue(snippet.contains("<mark>"), snippet);
  }

  @Test
  @Order(12)
  void snippetsAreEscapedHtml() {
    JsonObject result = inRun(b -> b.add("query", "invoice"));
    String snippet = result.getJsonArray("items").getJsonObject(0).getString("snippet");
    assertTrue(snippet.contains("<mark>invoice</mark>"), snippet);
    assertFalse(snippet.contains("\u0002") || snippet.contains("\u0003"), snippet);
  }

  @Test
  @Order(13)
  void partialFindsASubstringInTheMiddleOfAFilenameAndExactDoesNot() {
    assertEquals(
        List.of(ids.get("annual")),
        files(inRun(b -> b.add("query", "nual_rep").add("mode", "partial"))));
    assertEquals(
        List.of(ids.get("scan")),
        files(inRun(b -> b.add("query", "SCAN-00").add("mode", "partial"))));
    assertEquals(List.of(), files(inRun(b -> b.add("query", "nual_rep").add("mode", "exact"))));
    assertEquals(
        List.of(ids.get("annual")),
        files(inRun(b -> b.add("query", "Annual_Report-2025.pdf").add("mode", "exact"))));
    assertEquals(
        List.of(),
        files(inRun(b -> b.add("query", "annual_report-2025.pdf").add("mode", "exact"))),
        "exact means exact");
    // Wildcards are the user's characters, not patterns.
    assertEquals(List.of(), files(inRun(b -> b.add("query", "%").add("mode", "partial"))));
  }

  // --- filters, sorting, paging --------------------------------------------------------------

  @Test
  @Order(20)
  void everyFilterAlone() {
    assertFiltered(b -> b.add("filename", "SCAN"), "scan");
    assertFiltered(b -> b.add("extension", "PNG"), "scan");
    assertFiltered(b -> b.add("extension", ".csv"), "csv");
    assertFiltered(b -> b.add("content_type", "image/png"), "scan");
    assertFiltered(b -> b.add("content_type", "text/*"), "notes", "csv");
    assertFiltered(b -> b.add("tags", array(RUN, "finance")), "annual");
    assertFiltered(b -> b.add("uploaded_by", "it-qs-bob"), "russian", "scan");
    assertFiltered(b -> b.add("uploaded_by", "qs-bob"), "russian", "scan");
    assertFiltered(
        b -> b.add("retention_policy", "temporary"), "annual", "notes", "russian", "scan", "csv");
    assertFiltered(b -> b.add("retention_policy", "permanent"));
    assertFiltered(
        b -> b.add("storage_element_id", "se-edit-1"), "annual", "notes", "russian", "scan", "csv");
    assertFiltered(b -> b.add("storage_element_id", "se-nowhere"));
    assertFiltered(b -> b.add("min_size", 3000), "russian", "scan", "csv");
    assertFiltered(b -> b.add("max_size", 2000), "annual", "notes");
    assertFiltered(
        b -> b.add("created_after", beforeFixture.toString()),
        "annual",
        "notes",
        "russian",
        "scan",
        "csv");
    assertFiltered(b -> b.add("created_before", beforeFixture.toString()));
    assertFiltered(
        b -> b.add("expires_before", Instant.now().plus(Duration.ofDays(31)).toString()),
        "annual",
        "notes",
        "russian",
        "scan",
        "csv");
    assertFiltered(b -> b.add("expires_before", Instant.now().plus(Duration.ofDays(1)).toString()));
    assertFiltered(
        b -> b.add("metadata", Json.createObjectBuilder().add("dept", "accounting")), "russian");
    assertFiltered(b -> b.add("status", "deleted"));
    assertFiltered(b -> b.add("status", "any"), "annual", "notes", "russian", "scan", "csv");
  }

  @Test
  @Order(21)
  void filtersCombineWithAnd() {
    assertFiltered(b -> b.add("uploaded_by", "it-qs-bob").add("min_size", 3500), "scan");
    assertFiltered(
        b ->
            b.add("uploaded_by", "it-qs-alice").add("content_type", "text/*").add("max_size", 2000),
        "notes");
    assertFiltered(
        b -> b.add("query", "report").add("extension", "pdf").add("uploaded_by", "it-qs-alice"),
        "annual");
    assertFiltered(b -> b.add("query", "report").add("uploaded_by", "it-qs-bob"));
    assertFiltered(
        b ->
            b.add("metadata", Json.createObjectBuilder().add("dept", "finance"))
                .add("tags", array(RUN, "finance"))
                .add("created_after", beforeFixture.toString()),
        "annual");
  }

  @Test
  @Order(22)
  void sortingInBothOrders() {
    assertEquals(
        List.of("annual", "notes", "russian", "csv", "scan"),
        names(inRun(b -> b.add("sort_by", "size").add("sort_order", "asc"))));
    assertEquals(
        List.of("scan", "csv", "russian", "notes", "annual"),
        names(inRun(b -> b.add("sort_by", "size").add("sort_order", "desc"))));
    assertEquals(
        List.of("annual", "scan", "notes", "csv", "russian"),
        names(inRun(b -> b.add("sort_by", "filename").add("sort_order", "asc"))));
    assertEquals(
        List.of("russian", "csv", "notes", "scan", "annual"),
        names(inRun(b -> b.add("sort_by", "filename").add("sort_order", "desc"))));
    // Uploaded one after the other, in the fixture's order.
    assertEquals(
        List.of("annual", "notes", "russian", "scan", "csv"),
        names(inRun(b -> b.add("sort_by", "created_at").add("sort_order", "asc"))));
    assertEquals(
        List.of("csv", "scan", "russian", "notes", "annual"),
        names(inRun(b -> b.add("sort_by", "created_at").add("sort_order", "desc"))));
    assertEquals(
        List.of("csv", "scan", "russian", "notes", "annual"),
        names(inRun(b -> {})),
        "newest first without a query");
  }

  @Test
  @Order(23)
  void paging() {
    JsonObject first = inRun(b -> b.add("sort_by", "size").add("limit", 2));
    assertEquals(5, first.getInt("total"));
    assertEquals(2, first.getInt("limit"));
    assertEquals(0, first.getInt("offset"));
    assertTrue(first.getBoolean("has_more"));
    assertEquals(List.of("scan", "csv"), names(first));
    JsonObject second = inRun(b -> b.add("sort_by", "size").add("limit", 2).add("offset", 2));
    assertEquals(List.of("russian", "notes"), names(second));
    assertTrue(second.getBoolean("has_more"));
    JsonObject last = inRun(b -> b.add("sort_by", "size").add("limit", 2).add("offset", 4));
    assertEquals(List.of("annual"), names(last));
    assertFalse(last.getBoolean("has_more"));
    assertEquals(5, last.getInt("total"));
    JsonObject beyond = inRun(b -> b.add("offset", 10));
    assertEquals(0, beyond.getJsonArray("items").size());
    assertEquals(5, beyond.getInt("total"));
    assertFalse(beyond.getBoolean("has_more"));
  }

  @Test
  @Order(24)
  void eachValidationErrorNamesItsField() {
    assertInvalid("{\"mode\":\"fuzzy\",\"query\":\"x\"}", "mode");
    assertInvalid("{\"sort_by\":\"owner\"}", "sort_by");
    assertInvalid("{\"sort_order\":\"up\"}", "sort_order");
    assertInvalid("{\"sort_by\":\"relevance\"}", "sort_by");
    assertInvalid("{\"status\":\"gone\"}", "status");
    assertInvalid("{\"retention_policy\":\"forever\"}", "retention_policy");
    assertInvalid("{\"min_size\":10,\"max_size\":5}", "min_size");
    assertInvalid("{\"min_size\":-1}", "min_size");
    assertInvalid("{\"max_size\":-1}", "max_size");
    assertInvalid(
        "{\"created_after\":\"2026-02-01T00:00:00Z\",\"created_before\":\"2026-01-01T00:00:00Z\"}",
        "created_after");
    assertInvalid("{\"created_after\":\"yesterday\"}", "created_after");
    assertInvalid("{\"created_before\":\"2026-13-01\"}", "created_before");
    assertInvalid("{\"expires_before\":\"soon\"}", "expires_before");
    assertInvalid("{\"limit\":0}", "limit");
    assertInvalid("{\"limit\":1001}", "limit");
    assertInvalid("{\"offset\":-1}", "offset");
    assertInvalid("{\"mode\":\"partial\"}", "query");
    assertInvalid("{\"mode\":\"exact\"}", "query");
    assertInvalid("{\"query\":\"" + "x".repeat(1001) + "\"}", "query");
    assertInvalid("{\"tags\":[\"\"]}", "tags");
    // Several at once: every field is reported.
    HttpResponse<String> many =
        post("{\"mode\":\"fuzzy\",\"limit\":0,\"min_size\":-5}", bearer(alice));
    assertEquals(400, many.statusCode());
    for (String field : List.of("mode", "limit", "min_size")) {
      assertTrue(many.body().contains("\"" + field + "\""), many.body());
    }
    // A body that is not JSON of the request's shape is refused before validation (shared
    // mapper of every service).
    HttpResponse<String> malformed = post("{\"query\":", bearer(alice));
    IngestIT.assertProblem(malformed, 400, "BAD_REQUEST");
    HttpResponse<String> wrongType = post("{\"min_size\":\"big\"}", bearer(alice));
    IngestIT.assertProblem(wrongType, 400, "BAD_REQUEST");
  }

  // --- suggestions ---------------------------------------------------------------------------

  @Test
  @Order(30)
  void suggestionsCompleteFilenamesTagsAndFrequentQueries() {
    JsonObject names = suggest("annual_rep", 10);
    assertTrue(
        contains(names, "Annual_Report-2025.pdf", "filename"), "filename completed: " + names);
    JsonObject tags = suggest("бухгал", 10);
    assertTrue(contains(tags, "бухгалтерия", "tag"), "tag completed: " + tags);
    String frequent = "scanned invoice";
    // A query that finds something is remembered (written every 5 s).
    for (int i = 0; i < 3; i++) {
      assertEquals(1, inRun(b -> b.add("query", frequent)).getInt("total"));
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonObject queries;
    do {
      queries = suggest("scanned inv", 10);
      if (contains(queries, frequent, "query")) {
        break;
      }
      RunningSystem.sleep(500);
    } while (System.nanoTime() < deadline);
    assertTrue(contains(queries, frequent, "query"), "frequent query suggested: " + queries);
    assertEquals(1, suggest("a", 1).getJsonArray("items").size(), "limit applies");
    IngestIT.assertProblem(
        Http.get(QUERY + "/search/suggest", bearer(alice)), 400, "VALIDATION_ERROR");
    IngestIT.assertProblem(
        Http.get(QUERY + "/search/suggest?prefix=a&limit=0", bearer(alice)),
        400,
        "VALIDATION_ERROR");
    IngestIT.assertProblem(
        Http.get(QUERY + "/search/suggest?prefix=a&limit=lots", bearer(alice)),
        400,
        "VALIDATION_ERROR");
  }

  // --- metadata ------------------------------------------------------------------------------

  @Test
  @Order(40)
  void metadataWithETagAndConditionalRead() {
    String id = ids.get("annual");
    HttpResponse<String> first = Http.get(QUERY + "/files/" + id, bearer(bob));
    assertEquals(200, first.statusCode(), first.body());
    JsonObject file = Http.json(first);
    assertEquals("Annual_Report-2025.pdf", file.getString("original_filename"));
    assertEquals("finance", file.getJsonObject("metadata").getString("dept"));
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertEquals("\"v" + file.getJsonNumber("version").longValue() + "\"", etag);
    Map<String, String> conditional = new LinkedHashMap<>(bearer(bob));
    conditional.put("If-None-Match", etag);
    assertEquals(304, Http.get(QUERY + "/files/" + id, conditional).statusCode());
    IngestIT.assertProblem(
        Http.get(QUERY + "/files/" + UUID.randomUUID(), bearer(bob)), 404, "NOT_FOUND");
    IngestIT.assertProblem(
        Http.get(QUERY + "/files/not-a-uuid", bearer(bob)), 400, "VALIDATION_ERROR");
  }

  @Test
  @Order(41)
  void metadataCachesCountHitsAndMisses() {
    String id = ids.get("notes");
    double localHits = metric("artstore_query_cache_hits_total{cache=\"local\"");
    double redisHits = metric("artstore_query_cache_hits_total{cache=\"redis\"");
    assertEquals(200, Http.get(QUERY + "/files/" + id, bearer(bob)).statusCode());
    assertEquals(200, Http.get(QUERY + "/files/" + id, bearer(bob)).statusCode());
    assertTrue(
        metric("artstore_query_cache_hits_total{cache=\"local\"") >= localHits + 1,
        "the second read came from memory");
    RunningSystem.sleep(2500); // the local copy ages out (2 s); Redis still has it
    assertEquals(200, Http.get(QUERY + "/files/" + id, bearer(bob)).statusCode());
    assertTrue(
        metric("artstore_query_cache_hits_total{cache=\"redis\"") >= redisHits + 1,
        "then from Redis");
    assertTrue(metric("artstore_query_cache_misses_total{cache=\"local\"") >= 1);
  }

  // --- roles ---------------------------------------------------------------------------------

  @Test
  @Order(50)
  void rolesAndTokens() {
    String readonly = tokens.principal("it-qs-ro", "qs-ro", "service_account", "READONLY");
    String auditor = tokens.principal("it-qs-aud", "qs-aud", "service_account", "AUDITOR");
    String id = ids.get("annual");
    for (String token : List.of(alice, readonly, auditor, admin)) {
      assertEquals(200, post("{}", bearer(token)).statusCode());
      assertEquals(200, Http.get(QUERY + "/search/suggest?prefix=a", bearer(token)).statusCode());
      assertEquals(200, Http.get(QUERY + "/files/" + id, bearer(token)).statusCode());
    }
    for (Map<String, String> credentials :
        List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer not.a.token"))) {
      assertEquals(401, post("{}", credentials).statusCode());
      assertEquals(401, Http.get(QUERY + "/search/suggest?prefix=a", credentials).statusCode());
      assertEquals(401, Http.get(QUERY + "/files/" + id, credentials).statusCode());
      assertEquals(
          401, Http.method("POST", QUERY + "/index/rebuild", null, credentials).statusCode());
      assertEquals(401, Http.get(QUERY + "/index", credentials).statusCode());
    }
    IngestIT.assertProblem(
        Http.method("POST", QUERY + "/index/rebuild", null, bearer(alice)), 403, "FORBIDDEN");
    IngestIT.assertProblem(Http.get(QUERY + "/index", bearer(alice)), 403, "FORBIDDEN");
    assertEquals(200, Http.get(QUERY + "/index", bearer(auditor)).statusCode());
    IngestIT.assertProblem(
        Http.method("POST", QUERY + "/index/rebuild", null, bearer(auditor)), 403, "FORBIDDEN");
  }

  // --- index loss and Redis outage -----------------------------------------------------------

  @Test
  @Order(60)
  void aLostIndexIsRebuiltWithTheSameResults() throws Exception {
    List<Consumer<JsonObjectBuilder>> queries =
        List.of(
            b -> b.add("query", "report"),
            b -> b.add("query", "отчет"),
            b -> b.add("query", "nual").add("mode", "partial"),
            b -> b.add("uploaded_by", "it-qs-bob").add("sort_by", "size"),
            b -> b.add("metadata", Json.createObjectBuilder().add("dept", "finance")),
            b -> b.add("status", "any").add("sort_by", "filename"));
    List<List<String>> before = new ArrayList<>();
    for (Consumer<JsonObjectBuilder> q : queries) {
      before.add(files(inRun(q)));
    }
    JsonObject freshBefore = search(b -> b.add("tags", array(FRESH)).add("status", "any"));

    RunningSystem.sql("DROP SCHEMA query CASCADE");
    Instant dropped = Instant.now();
    HttpResponse<String> started =
        Http.method("POST", QUERY + "/index/rebuild", null, bearer(admin));
    assertEquals(202, started.statusCode(), started.body());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonObject status;
    do {
      RunningSystem.sleep(300);
      status = Http.json(Http.get(QUERY + "/index", bearer(admin)));
    } while (!rebuiltSince(status, dropped) && System.nanoTime() < deadline);
    assertTrue(rebuiltSince(status, dropped), "rebuilt: " + status);

    for (int i = 0; i < queries.size(); i++) {
      assertEquals(before.get(i), files(inRun(queries.get(i))), "query " + i + " after rebuild");
    }
    assertEquals(
        files(freshBefore),
        files(search(b -> b.add("tags", array(FRESH)).add("status", "any"))),
        "the deleted file is back with its status");
    // And the feed goes on into the rebuilt tables.
    String word = "after" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    upload(alice, "after", "after-rebuild.txt", "text/plain", 10, word, List.of(FRESH), Map.of());
    awaitTotal((b -> b.add("query", word)), 1, Duration.ofSeconds(10));
  }

  @Test
  @Order(70)
  void withRedisFrozenSearchAndMetadataWorkAndEventsArriveAfterwards() throws Exception {
    long redis = RunningSystem.get().redisPid();
    assertTrue(redis > 0, "redis pid");
    String id = ids.get("csv");
    String newTag = "thaw" + UUID.randomUUID().toString().substring(0, 8);
    RunningSystem.signal("-STOP", Long.toString(redis));
    try {
      JsonObject found = inRun(b -> b.add("query", "statistics"));
      assertEquals(List.of(id), files(found), "search works without Redis");
      HttpResponse<String> metadata = Http.get(QUERY + "/files/" + ids.get("russian"), bearer(bob));
      assertEquals(200, metadata.statusCode(), metadata.body());
      // A change made meanwhile: admin keeps its event in the outbox.
      HttpResponse<String> patched =
          Http.method(
              "PATCH",
              ADMIN + "/files/" + id,
              Json.createObjectBuilder().add("tags", array(RUN, newTag)).build().toString(),
              bearer(alice));
      assertEquals(200, patched.statusCode(), patched.body());
      RunningSystem.sleep(1500);
      assertEquals(0, search(b -> b.add("tags", array(newTag))).getInt("total"));
      // Readiness says the index no longer follows the feed, and stays ready (not critical).
      KeyRotationIT.awaitTrue(
          Duration.ofSeconds(10),
          () -> "DOWN".equals(indexFeedState()),
          "search-index reported DOWN while Redis is frozen");
      assertEquals(200, Http.get(RunningSystem.url("query") + "/health/ready").statusCode());
    } finally {
      RunningSystem.signal("-CONT", Long.toString(redis));
    }
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(30), () -> "UP".equals(indexFeedState()), "search-index UP again");
    JsonObject after = awaitTotal((b -> b.add("tags", array(newTag))), 1, Duration.ofSeconds(30));
    assertEquals(List.of(id), files(after), "the event was applied once Redis was back");
  }

  // --- helpers -------------------------------------------------------------------------------

  private static String indexFeedState() {
    JsonObject check = LifecycleIT.readinessCheck("query", "search-index");
    return check == null ? null : check.getJsonObject("data").getString("state");
  }

  private static boolean rebuiltSince(JsonObject status, Instant since) {
    JsonObject last = status.getJsonObject("last_rebuild");
    return last != null
        && "succeeded".equals(last.getString("state"))
        && Instant.parse(last.getString("started_at")).isAfter(since.minusSeconds(1));
  }

  static JsonObject upload(
      String token,
      String key,
      String name,
      String contentType,
      int size,
      String description,
      List<String> tags,
      Map<String, String> metadata) {
    byte[] content = new byte[size];
    byte[] seed = (key + " ").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < size; i++) {
      content[i] = seed[i % seed.length];
    }
    MultipartBody body = new MultipartBody();
    body.field("description", description);
    JsonObjectBuilder meta = Json.createObjectBuilder();
    metadata.forEach(meta::add);
    body.field("tags", array(tags.toArray(new String[0])).build().toString());
    body.field("metadata", meta.build().toString());
    body.file(name, contentType, content).end();
    HttpResponse<String> response = StorageApi.upload(INGESTER, token, body);
    assertEquals(201, response.statusCode(), response.body());
    JsonObject uploaded = Http.json(response);
    ids.put(key, uploaded.getString("file_id"));
    return uploaded;
  }

  private static jakarta.json.JsonArrayBuilder array(String... values) {
    jakarta.json.JsonArrayBuilder array = Json.createArrayBuilder();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }

  private static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> post(String json, Map<String, String> headers) {
    return Http.method("POST", QUERY + "/search", json, headers);
  }

  static JsonObject search(Consumer<JsonObjectBuilder> criteria) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    criteria.accept(b);
    HttpResponse<String> response = post(b.build().toString(), bearer(alice));
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  /** A search among this run's five fixture files. */
  private static JsonObject inRun(Consumer<JsonObjectBuilder> criteria) {
    JsonObjectBuilder given = Json.createObjectBuilder();
    criteria.accept(given);
    JsonObject built = given.build();
    return search(
        b -> {
          built.forEach(b::add);
          if (!built.containsKey("tags")) {
            b.add("tags", array(RUN));
          }
        });
  }

  private static void assertFiltered(Consumer<JsonObjectBuilder> criteria, String... expected) {
    JsonObject result = inRun(criteria);
    List<String> expectedIds = new ArrayList<>();
    for (String key : expected) {
      expectedIds.add(ids.get(key));
    }
    List<String> actual = files(result);
    assertEquals(
        new java.util.TreeSet<>(expectedIds),
        new java.util.TreeSet<>(actual),
        "filter " + result.getInt("total") + " → " + names(result));
    assertEquals(expected.length, result.getInt("total"));
  }

  private static void assertInvalid(String body, String field) {
    HttpResponse<String> response = post(body, bearer(alice));
    IngestIT.assertProblem(response, 400, "VALIDATION_ERROR");
    boolean named = false;
    for (JsonValue error : Http.json(response).getJsonArray("errors")) {
      named |= field.equals(error.asJsonObject().getString("field"));
    }
    assertTrue(named, field + " named: " + response.body());
  }

  static List<String> files(JsonObject result) {
    List<String> out = new ArrayList<>();
    for (JsonValue item : result.getJsonArray("items")) {
      out.add(item.asJsonObject().getJsonObject("file").getString("file_id"));
    }
    return out;
  }

  private static List<String> names(JsonObject result) {
    List<String> out = new ArrayList<>();
    for (String id : files(result)) {
      String name =
          ids.entrySet().stream()
              .filter(e -> e.getValue().equals(id))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(id);
      out.add(name);
    }
    return out;
  }

  private static JsonObject suggest(String prefix, int limit) {
    HttpResponse<String> response =
        Http.get(
            QUERY
                + "/search/suggest?prefix="
                + java.net.URLEncoder.encode(prefix, StandardCharsets.UTF_8)
                + "&limit="
                + limit,
            bearer(alice));
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response);
  }

  private static boolean contains(JsonObject suggestions, String text, String source) {
    for (JsonValue item : suggestions.getJsonArray("items")) {
      JsonObject s = item.asJsonObject();
      if (text.equals(s.getString("text")) && source.equals(s.getString("source"))) {
        return true;
      }
    }
    return false;
  }

  /** Polls the search (as {@code alice}) until it has {@code total} hits or the time is up. */
  private static JsonObject awaitTotal(
      Consumer<JsonObjectBuilder> criteria, int total, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      JsonObject result = search(criteria);
      if (result.getInt("total") == total) {
        return result;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected " + total + " hits within " + within + ", have: " + result);
      }
      RunningSystem.sleep(100);
    }
  }

  private static void awaitMetadata(
      String id, java.util.function.Predicate<JsonObject> condition, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    JsonObject last = null;
    while (true) {
      HttpResponse<String> response = Http.get(QUERY + "/files/" + id, bearer(alice));
      if (response.statusCode() == 200) {
        last = Http.json(response);
        if (condition.test(last)) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("metadata of " + id + " not as expected in time: " + last);
      }
      RunningSystem.sleep(100);
    }
  }

  private static double metric(String prefix) {
    String body = Http.get(RunningSystem.url("query") + "/metrics").body();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith(prefix)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
