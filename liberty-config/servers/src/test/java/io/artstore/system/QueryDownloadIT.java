package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Downloads through the query service (SPEC §6) against the running system: files uploaded through
 * the ingester come back through query byte-identical and with the element's HTTP semantics
 * unchanged (status and headers equal to the element's own answer for ranges, conditionals, HEAD
 * and a compressed file); deleted and unknown files are 404; the roles; an element of the test's
 * own that is killed gives 503 SE_UNAVAILABLE with Retry-After while files elsewhere still
 * download, and downloads work again once it is back and its breaker closed.
 */
@Order(27)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryDownloadIT {
  static final String QUERY = RunningSystem.url("query") + "/api/v1";
  static final String INGESTER = IngestIT.INGESTER;
  static final String ADMIN = IngestIT.ADMIN;
  static final int LARGE = 5 * 1024 * 1024;

  /** The headers a download through query must carry exactly as the element sends them. */
  static final List<String> RELAYED =
      List.of(
          "Content-Type",
          "Content-Length",
          "Content-Range",
          "Accept-Ranges",
          "ETag",
          "Last-Modified",
          "Content-Disposition",
          "Content-Encoding",
          "Vary",
          "Repr-Digest",
          "X-Content-Type-Options",
          "Cache-Control");

  private static final Random RANDOM = new Random(27);

  private static TestTokens tokens;
  private static String user;
  private static String admin;
  private static byte[] small;
  private static byte[] large;
  private static byte[] text;
  private static String smallId;
  private static String largeId;
  private static String textId;
  private static String smallElementApi;
  private static String largeElementApi;
  private static String textElementApi;
  private static StandaloneElement element;
  private static String registryId;
  private static String ownId;
  private static byte[] own;

  @BeforeAll
  static void system() {
    tokens = RunningSystem.get().tokens();
    user = tokens.principal("it-qdl-user", "qdl-user", "service_account", "USER");
    admin = RunningSystem.adminToken();
  }

  @AfterAll
  static void cleanUp() {
    if (registryId != null) {
      // Out of the choice for whatever runs next, then out of the registry if it can be emptied.
      Http.method(
          "PUT",
          ADMIN + "/storage-elements/" + registryId,
          "{\"priority\":1000000}",
          RunningSystem.asAdmin());
    }
    if (element != null) {
      try {
        if (element.jvm().isPresent() && ownId != null) {
          IngestIT.delete(ownId, user);
          Http.method("DELETE", element.api() + "/gc/" + ownId, null, StorageApi.bearer(admin));
          Http.post(
              ADMIN + "/storage-elements/" + registryId + "/sync", "{}", RunningSystem.asAdmin());
          Http.method(
              "DELETE", ADMIN + "/storage-elements/" + registryId, null, RunningSystem.asAdmin());
        }
      } finally {
        element.stop();
      }
    }
  }

  @Test
  @Order(1)
  void uploadedFilesDownloadThroughQueryByteIdenticalRightAfterTheUpload() {
    small = IngestIT.random(10_000);
    large = IngestIT.random(LARGE);
    text =
        "A line of a very compressible archive document, downloaded through query.\n"
            .repeat(8_000)
            .getBytes(StandardCharsets.UTF_8);

    JsonObject smallFile = upload("Отчёт «q3» 2026.pdf", small, Map.of());
    JsonObject largeFile = upload("large-через-query.bin", large, Map.of());
    JsonObject textFile = upload("compressible.txt", text, Map.of("compress", "gzip"));
    assertEquals("gzip", textFile.getString("compression"), textFile.toString());
    smallId = smallFile.getString("file_id");
    largeId = largeFile.getString("file_id");
    textId = textFile.getString("file_id");
    smallElementApi = IngestIT.elementApi(smallFile.getString("storage_element_id"));
    largeElementApi = IngestIT.elementApi(largeFile.getString("storage_element_id"));
    textElementApi = IngestIT.elementApi(textFile.getString("storage_element_id"));

    // Right after the 201: the index may not have the files yet, the registry does.
    Fetched smallDownload = viaQuery("GET", smallId, user, Map.of());
    assertEquals(200, smallDownload.status(), smallDownload.text());
    assertEquals(StorageApi.sha256(small), smallDownload.sha256());
    assertEquals(StorageApi.sha256(large), viaQuery("GET", largeId, user, Map.of()).sha256());
    assertEquals(StorageApi.sha256(text), viaQuery("GET", textId, user, Map.of()).sha256());
    Map<String, String> elements =
        Map.of(smallId, smallElementApi, largeId, largeElementApi, textId, textElementApi);
    elements.forEach(
        (id, elementApi) ->
            assertEquals(
                StorageApi.downloadSha256(elementApi, admin, id),
                viaQuery("GET", id, user, Map.of()).sha256(),
                "the same bytes as the element's"));
  }

  @Test
  @Order(2)
  void theWholeFileHasTheElementsHeaders() {
    Fetched whole = assertSameAsElement(smallElementApi, smallId, "GET", Map.of());
    assertEquals(200, whole.status());
    assertEquals(Long.toString(small.length), whole.header("Content-Length"));
    assertEquals("bytes", whole.header("Accept-Ranges"));
    assertNotNull(whole.header("ETag"));
    assertFalse(whole.header("ETag").startsWith("W/"), "strong");
    assertNotNull(whole.header("Last-Modified"));
    assertNotNull(whole.header("Repr-Digest"));
    String disposition = whole.header("Content-Disposition");
    assertTrue(disposition.startsWith("attachment; filename=\""), disposition);
    assertTrue(
        disposition.contains("filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82"),
        "the UTF-8 name (RFC 6266): " + disposition);
    assertEquals(StorageApi.sha256(small), whole.sha256());
  }

  @Test
  @Order(3)
  void rangesAreTheElementsRanges() {
    int n = small.length;
    Fetched first = assertSameAsElement(smallElementApi, smallId, "GET", range("bytes=0-99"));
    assertEquals(206, first.status());
    assertEquals("bytes 0-99/" + n, first.header("Content-Range"));
    assertEquals("100", first.header("Content-Length"));
    assertEquals(StorageApi.sha256(Arrays.copyOfRange(small, 0, 100)), first.sha256());

    Fetched from = assertSameAsElement(smallElementApi, smallId, "GET", range("bytes=100-"));
    assertEquals(206, from.status());
    assertEquals("bytes 100-" + (n - 1) + "/" + n, from.header("Content-Range"));
    assertEquals(Long.toString(n - 100), from.header("Content-Length"));
    assertEquals(StorageApi.sha256(Arrays.copyOfRange(small, 100, n)), from.sha256());

    Fetched last = assertSameAsElement(smallElementApi, smallId, "GET", range("bytes=-100"));
    assertEquals(206, last.status());
    assertEquals("bytes " + (n - 100) + "-" + (n - 1) + "/" + n, last.header("Content-Range"));
    assertEquals(StorageApi.sha256(Arrays.copyOfRange(small, n - 100, n)), last.sha256());

    String requestId = "qdl-" + UUID.randomUUID();
    Map<String, String> beyond = new LinkedHashMap<>(range("bytes=" + (n + 10) + "-"));
    beyond.put("X-Request-Id", requestId);
    Fetched outside = assertSameAsElement(smallElementApi, smallId, "GET", beyond);
    assertEquals(416, outside.status(), outside.text());
    assertEquals("bytes */" + n, outside.header("Content-Range"));
    assertTrue(outside.header("Content-Type").startsWith("application/problem+json"));
    JsonObject problem = outside.json();
    assertEquals("RANGE_NOT_SATISFIABLE", problem.getString("code"));
    assertEquals(requestId, problem.getString("request_id"), "the request id went downstream");

    Fetched largeRange =
        assertSameAsElement(largeElementApi, largeId, "GET", range("bytes=1048576-2097151"));
    assertEquals(206, largeRange.status());
    assertEquals(
        StorageApi.sha256(Arrays.copyOfRange(large, 1048576, 2097152)), largeRange.sha256());
  }

  @Test
  @Order(4)
  void conditionalsAreTheElementsConditionals() {
    String etag = viaQuery("GET", smallId, user, Map.of()).header("ETag");
    String lastModified = viaQuery("HEAD", smallId, user, Map.of()).header("Last-Modified");

    Fetched notModified =
        assertSameAsElement(smallElementApi, smallId, "GET", Map.of("If-None-Match", etag));
    assertEquals(304, notModified.status());
    assertEquals(0, notModified.length(), "no body");
    assertEquals(etag, notModified.header("ETag"));

    // The element's own Last-Modified, verbatim: whatever the element makes of it, query the same.
    assertSameAsElement(smallElementApi, smallId, "GET", Map.of("If-Modified-Since", lastModified));
    // As an IMF-fixdate (RFC 9110 §5.6.7; the element writes days 1-9 without the leading zero).
    Fetched notModifiedSince =
        assertSameAsElement(
            smallElementApi, smallId, "GET", Map.of("If-Modified-Since", imfFixdate(lastModified)));
    assertEquals(304, notModifiedSince.status());

    Fetched otherTag =
        assertSameAsElement(smallElementApi, smallId, "GET", Map.of("If-None-Match", "\"nope\""));
    assertEquals(200, otherTag.status());

    Fetched rangeApplies =
        assertSameAsElement(
            smallElementApi, smallId, "GET", Map.of("Range", "bytes=0-99", "If-Range", etag));
    assertEquals(206, rangeApplies.status());
    assertEquals("bytes 0-99/" + small.length, rangeApplies.header("Content-Range"));

    Fetched rangeIgnored =
        assertSameAsElement(
            smallElementApi,
            smallId,
            "GET",
            Map.of("Range", "bytes=0-99", "If-Range", "\"not-the-etag\""));
    assertEquals(200, rangeIgnored.status());
    assertNull(rangeIgnored.header("Content-Range"));
    assertEquals(StorageApi.sha256(small), rangeIgnored.sha256(), "the whole file");
  }

  @Test
  @Order(5)
  void headHasTheHeadersWithoutTheBytes() {
    Fetched head = assertSameAsElement(largeElementApi, largeId, "HEAD", Map.of());
    assertEquals(200, head.status());
    assertEquals(Long.toString(LARGE), head.header("Content-Length"));
    assertEquals(0, head.length());
    Fetched headRange = assertSameAsElement(largeElementApi, largeId, "HEAD", range("bytes=0-99"));
    assertEquals(206, headRange.status());
    assertEquals("bytes 0-99/" + LARGE, headRange.header("Content-Range"));
  }

  @Test
  @Order(6)
  void theLargeFileStreamsWithItsLength() {
    Fetched whole = assertSameAsElement(largeElementApi, largeId, "GET", Map.of());
    assertEquals(200, whole.status());
    assertEquals(Long.toString(LARGE), whole.header("Content-Length"), "the length up front");
    assertNull(whole.header("Transfer-Encoding"), "not chunked: " + whole.headers().map());
    assertEquals(LARGE, whole.length());
    assertEquals(StorageApi.sha256(large), whole.sha256());
  }

  @Test
  @Order(7)
  void aCompressedFileComesAsStoredWhenTheClientAcceptsItsCoding() {
    Fetched encoded =
        assertSameAsElement(textElementApi, textId, "GET", Map.of("Accept-Encoding", "gzip"));
    assertEquals(200, encoded.status());
    assertEquals("gzip", encoded.header("Content-Encoding"));
    assertEquals("Accept-Encoding", encoded.header("Vary"));
    long storedSize = Long.parseLong(encoded.header("Content-Length"));
    assertTrue(storedSize < text.length / 10, "the stored, compressed bytes: " + storedSize);
    assertEquals(storedSize, encoded.length());
    assertEquals(
        StorageApi.sha256(text), StorageApi.sha256(gunzip(encoded.content())), "gunzipped");

    Fetched plain = assertSameAsElement(textElementApi, textId, "GET", Map.of());
    assertEquals(200, plain.status());
    assertNull(plain.header("Content-Encoding"));
    assertEquals(StorageApi.sha256(text), plain.sha256());
    assertFalse(plain.header("ETag").equals(encoded.header("ETag")), "each its own ETag");

    Fetched encodedRange =
        assertSameAsElement(
            textElementApi, textId, "GET", Map.of("Accept-Encoding", "gzip", "Range", "bytes=0-9"));
    assertEquals(206, encodedRange.status());
    assertEquals("gzip", encodedRange.header("Content-Encoding"));
    assertEquals("bytes 0-9/" + storedSize, encodedRange.header("Content-Range"));

    Fetched notModified =
        assertSameAsElement(
            textElementApi,
            textId,
            "GET",
            Map.of("Accept-Encoding", "gzip", "If-None-Match", encoded.header("ETag")));
    assertEquals(304, notModified.status());
  }

  @Test
  @Order(8)
  void deletedUnknownAndMalformedIds() {
    byte[] content = IngestIT.random(2000);
    String id = upload("to-delete-qdl.bin", content, Map.of()).getString("file_id");
    assertEquals(200, viaQuery("GET", id, user, Map.of()).status());
    assertEquals(204, IngestIT.delete(id, user).statusCode());
    assertProblem(viaQuery("GET", id, user, Map.of()), 404, "NOT_FOUND");
    assertEquals(404, viaQuery("HEAD", id, user, Map.of()).status());
    assertProblem(viaQuery("GET", UUID.randomUUID().toString(), user, Map.of()), 404, "NOT_FOUND");
    assertProblem(viaQuery("GET", "not-a-uuid", user, Map.of()), 400, "VALIDATION_ERROR");
  }

  @Test
  @Order(9)
  void everyReadingRoleMayDownloadAndNobodyElse() {
    for (String role : new String[] {"READONLY", "USER", "AUDITOR", "ADMIN"}) {
      String token = tokens.principal("it-qdl-" + role, role, "service_account", role);
      Fetched download = viaQuery("GET", smallId, token, Map.of());
      assertEquals(200, download.status(), role);
      assertEquals(StorageApi.sha256(small), download.sha256(), role);
    }
    String superAdmin = tokens.principal("it-qdl-root", "root", "admin_user", "SUPER_ADMIN");
    assertEquals(200, viaQuery("GET", smallId, superAdmin, Map.of()).status());
    assertEquals(401, viaQuery("GET", smallId, null, Map.of()).status(), "no token");
    assertEquals(401, viaQuery("GET", smallId, "garbage.token.here", Map.of()).status());
    assertEquals(401, viaQuery("GET", smallId, tokens.algNone("ADMIN"), Map.of()).status());
    assertEquals(401, viaQuery("HEAD", smallId, null, Map.of()).status());
    // A role outside the list grants nothing.
    String stranger = tokens.principal("it-qdl-stranger", "stranger", "service_account", "GUEST");
    assertEquals(403, viaQuery("GET", smallId, stranger, Map.of()).status());
  }

  @Test
  @Order(10)
  void aKilledElementIs503WithRetryAfterWhileOthersServeAndItIsBackOnceRestarted() {
    element =
        new StandaloneElement("se-qdl", 8047, "256m", Map.of("ARTSTORE_SE_PRIORITY", "0")).start();
    registryId = IngestIT.register(element);
    awaitSeen(s -> IngestIT.online(s, "se-qdl"), INGESTER, QUERY);
    own = IngestIT.random(50_000);
    JsonObject uploaded = upload("on-se-qdl.bin", own, Map.of());
    assertEquals("se-qdl", uploaded.getString("storage_element_id"), uploaded.toString());
    ownId = uploaded.getString("file_id");
    HttpResponse<String> away =
        Http.method(
            "PUT",
            ADMIN + "/storage-elements/" + registryId,
            "{\"priority\":1000000}",
            RunningSystem.asAdmin());
    assertEquals(200, away.statusCode(), away.body());
    assertEquals(StorageApi.sha256(own), viaQuery("GET", ownId, user, Map.of()).sha256());
    assertEquals(0.0, breakerState("se-qdl"), "closed");

    element.kill9();
    for (int i = 0; i < 3; i++) {
      Fetched down = viaQuery("GET", ownId, user, Map.of());
      assertProblem(down, 503, "SE_UNAVAILABLE");
      String retryAfter = down.header("Retry-After");
      assertNotNull(retryAfter, "Retry-After");
      assertTrue(Integer.parseInt(retryAfter) > 0, retryAfter);
    }
    assertEquals(1.0, breakerState("se-qdl"), "open after three failures");
    Fetched open = viaQuery("HEAD", ownId, user, Map.of());
    assertEquals(503, open.status());
    assertNotNull(open.header("Retry-After"));
    assertTrue(
        metric(
                RunningSystem.url("query"),
                "artstore_query_downloads_total",
                "result=\"unavailable\"")
            >= 4);

    Fetched elsewhere = viaQuery("GET", largeId, user, Map.of());
    assertEquals(200, elsewhere.status(), "a file on another element still downloads");
    assertEquals(StorageApi.sha256(large), elsewhere.sha256());

    element.start();
    // The breaker lets a trial through once its open time (5 s in the tests) has passed.
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Fetched back = viaQuery("GET", ownId, user, Map.of());
    while (back.status() != 200 && System.nanoTime() < deadline) {
      RunningSystem.sleep(1000);
      back = viaQuery("GET", ownId, user, Map.of());
    }
    assertEquals(200, back.status(), back.text());
    assertEquals(StorageApi.sha256(own), back.sha256());
    assertEquals(0.0, breakerState("se-qdl"), "closed again");
    assertTrue(
        metric(RunningSystem.url("query"), "artstore_query_downloads_total", "result=\"ok\"") >= 1);
  }

  @Test
  @Order(11)
  void theDownloadIsInQuerysOpenApiDocument() {
    String document = Http.get(RunningSystem.url("query") + "/openapi").body();
    int path = document.indexOf("/api/v1/files/{id}/download:");
    assertTrue(path >= 0, "the download path: " + document);
    // Up to the next path (two-space indent) or top-level section.
    java.util.regex.Matcher next = java.util.regex.Pattern.compile("\n(  /|\\S)").matcher(document);
    int end = next.find(path + 1) ? next.start() : document.length();
    String operations = document.substring(path, end);
    for (String expected : new String[] {"get:", "head:"}) {
      assertTrue(operations.contains(expected), expected + " in " + operations);
    }
    for (String status : new String[] {"200", "206", "304", "404", "416", "503"}) {
      assertTrue(
          java.util.regex.Pattern.compile("['\"]" + status + "['\"]:").matcher(operations).find(),
          status + " in " + operations);
    }
    assertTrue(operations.contains("SE_UNAVAILABLE"), operations);
  }

  // --- helpers -----------------------------------------------------------------------------

  /** One answer, its body digested on the way (and kept only when small). */
  record Fetched(int status, HttpHeaders headers, String sha256, long length, byte[] content) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return content == null
          ? "(" + length + " bytes)"
          : new String(content, StandardCharsets.UTF_8);
    }

    JsonObject json() {
      try (JsonReader reader = Json.createReader(new StringReader(text()))) {
        return reader.readObject();
      }
    }
  }

  private static final int KEEP = 1024 * 1024;

  static Fetched viaQuery(String method, String id, String token, Map<String, String> headers) {
    return fetch(method, QUERY + "/files/" + id + "/download", token, headers);
  }

  /**
   * The same request to the element directly and through query: same status, same relayed headers,
   * same bytes. Returns query's answer.
   */
  static Fetched assertSameAsElement(
      String elementApi, String id, String method, Map<String, String> headers) {
    Map<String, String> withId = new LinkedHashMap<>(headers);
    withId.putIfAbsent("X-Request-Id", "qdl-" + UUID.randomUUID());
    Fetched direct = fetch(method, elementApi + "/files/" + id + "/download", admin, withId);
    Fetched viaQuery = viaQuery(method, id, user, withId);
    String what = method + " " + headers + ": ";
    assertEquals(direct.status(), viaQuery.status(), what + viaQuery.text());
    for (String name : RELAYED) {
      assertEquals(direct.header(name), viaQuery.header(name), what + name);
    }
    assertEquals(direct.length(), viaQuery.length(), what + "length");
    assertEquals(direct.sha256(), viaQuery.sha256(), what + "bytes");
    return viaQuery;
  }

  static Fetched fetch(String method, String url, String token, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    headers.forEach(request::header);
    try {
      HttpResponse<InputStream> response =
          StorageApi.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      MessageDigest digest = StorageApi.digest();
      ByteArrayOutputStream kept = new ByteArrayOutputStream();
      long length = 0;
      try (InputStream in = response.body()) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          digest.update(buffer, 0, n);
          if (length + n <= KEEP) {
            kept.write(buffer, 0, n);
          }
          length += n;
        }
      }
      return new Fetched(
          response.statusCode(),
          response.headers(),
          HexFormat.of().formatHex(digest.digest()),
          length,
          length <= KEEP ? kept.toByteArray() : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits until admin's registry satisfies the condition and each service (ingester, query) holds a
   * discovery snapshot at least that new.
   */
  static void awaitSeen(java.util.function.Predicate<JsonObject> condition, String... apis) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonObject snapshot = snapshot();
    while (!condition.test(snapshot)) {
      assertTrue(System.nanoTime() < deadline, "registry never got there: " + snapshot);
      RunningSystem.sleep(500);
      Http.post(ADMIN + "/storage-elements/sync-all", "{}", RunningSystem.asAdmin());
      snapshot = snapshot();
    }
    long version = snapshot.getJsonNumber("version").longValue();
    for (String api : apis) {
      while (true) {
        HttpResponse<String> status = Http.get(api + "/status", StorageApi.bearer(admin));
        assertEquals(200, status.statusCode(), status.body());
        long held =
            Http.json(status).getJsonObject("discovery").getJsonNumber("version").longValue();
        if (held >= version) {
          break;
        }
        assertTrue(
            System.nanoTime() < deadline, api + " holds version " + held + ", not " + version);
        RunningSystem.sleep(200);
      }
    }
  }

  private static JsonObject snapshot() {
    return Http.json(Http.get(ADMIN + "/internal/storage-elements", RunningSystem.asAdmin()));
  }

  static JsonObject upload(String name, byte[] content, Map<String, String> fields) {
    return IngestIT.upload(user, name, content, fields);
  }

  static Map<String, String> range(String range) {
    return Map.of("Range", range);
  }

  static void assertProblem(Fetched answer, int status, String code) {
    assertEquals(status, answer.status(), answer.text());
    assertTrue(
        answer.header("Content-Type").startsWith("application/problem+json"),
        answer.headers().map().toString());
    assertEquals(code, answer.json().getString("code"), answer.text());
    assertFalse(answer.text().contains("Exception"), "no internals: " + answer.text());
  }

  static double breakerState(String elementId) {
    return metric(
        RunningSystem.url("query"),
        "artstore_query_element_breaker_state",
        "element_id=\"" + elementId + "\"");
  }

  /** A metric's value on the line naming it with {@code label}; 0 when there is none. */
  static double metric(String url, String name, String label) {
    for (String line : Http.get(url + "/metrics").body().split("\n")) {
      if (line.startsWith(name + "{") && line.contains(label)) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return 0;
  }

  /** An HTTP-date as IMF-fixdate ({@code Fri, 04 Dec 2026 21:12:05 GMT}). */
  static String imfFixdate(String httpDate) {
    java.time.ZonedDateTime date =
        java.time.ZonedDateTime.parse(
            httpDate, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
    return java.time.format.DateTimeFormatter.ofPattern(
            "EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.ROOT)
        .format(date.withZoneSameInstant(java.time.ZoneOffset.UTC));
  }

  private static byte[] gunzip(byte[] gzipped) {
    try (InputStream in =
        new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
