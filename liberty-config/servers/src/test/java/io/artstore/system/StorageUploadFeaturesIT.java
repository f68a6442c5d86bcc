package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdInputStream;
import io.artstore.launcher.testing.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the ingester needs of an element (DECISIONS D35): the {@code checksum} field, {@code
 * compress=gzip|zstd} with both representations on download, and {@code DELETE
 * /gc/{id}?withdraw=true} for an upload it could not register.
 */
@Order(25)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageUploadFeaturesIT {
  private static final String EDIT = RunningSystem.url("storage-edit") + "/api/v1";
  private static final int PORT = 8019;

  /**
   * An rw element of the test's own with the default withdraw window (the system's rw element is
   * read-only by now: StorageModeIT); replaced on the same port by one whose window closes after
   * one second for the last test.
   */
  private static StandaloneElement rwElement;

  private static StandaloneElement shortWindow;

  private static String rw() {
    return rwElement.api();
  }

  @BeforeAll
  static void start() {
    RunningSystem.get();
    rwElement =
        new StandaloneElement("se-withdraw-1", PORT, "256m", Map.of("ARTSTORE_SE_MODE", "rw"))
            .start();
  }

  @AfterAll
  static void stop() {
    if (rwElement != null) {
      rwElement.close();
    }
    if (shortWindow != null) {
      shortWindow.close();
    }
  }

  private static Path editDir() {
    return RunningSystem.get().dataDir.resolve("elements/se-edit-1");
  }

  private static Path rwDir() {
    return rwElement.dataDir;
  }

  // ------------------------------------------------------------------ checksum

  @Test
  @Order(1)
  void aChecksumThatDoesNotMatchStoresNothing() throws IOException {
    String admin = RunningSystem.adminToken();
    byte[] content = random(200_000, 11);
    String wrong = StorageApi.sha256("other bytes".getBytes(StandardCharsets.UTF_8));
    List<String> before = dataFiles(editDir());
    long usedBefore = usedBytes(RunningSystem.url("storage-edit"));
    String fileId = UUID.randomUUID().toString();

    // Before the file part, with the sha256: prefix.
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("file_id", fileId);
    fields.put("checksum", "sha256:" + wrong);
    HttpResponse<String> early = StorageApi.upload(EDIT, admin, "mismatch.bin", content, fields);
    assertProblem(early, 400, "CHECKSUM_MISMATCH");

    // After the file part (the bytes were already streamed when the field arrives).
    MultipartBody body = new MultipartBody();
    body.field("file_id", fileId);
    body.file("mismatch.bin", "application/octet-stream", content);
    body.field("checksum", wrong).end();
    HttpResponse<String> late = StorageApi.upload(EDIT, admin, body);
    assertProblem(late, 400, "CHECKSUM_MISMATCH");

    // Nothing stored: not by id, not on disk, no WAL entry or temp file, no capacity used.
    assertFalse(exists(EDIT, admin, fileId), "the refused file must not exist");
    assertEquals(before, dataFiles(editDir()), "no data file or attr.json left");
    assertEquals(List.of(), StorageCrashIT.leftovers(editDir()));
    assertEquals(404, Http.get(EDIT + "/files/" + fileId, StorageApi.bearer(admin)).statusCode());
    assertEquals(usedBefore, usedBytes(RunningSystem.url("storage-edit")));
    HttpResponse<String> listed = Http.get(EDIT + "/files?limit=1000", StorageApi.bearer(admin));
    assertEquals(200, listed.statusCode(), listed.body());
    assertFalse(listed.body().contains(fileId), "not listed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "sha256:123", "md5:d41d8cd98f00b204e9800998ecf8427e", ""})
  @Order(2)
  void aMalformedChecksumIsAValidationError(String value) {
    HttpResponse<String> response =
        StorageApi.upload(
            EDIT,
            RunningSystem.adminToken(),
            "malformed.bin",
            new byte[] {1, 2, 3},
            Map.of("checksum", value));
    assertProblem(response, 400, "VALIDATION_ERROR");
    assertEquals(
        "checksum",
        Http.json(response).getJsonArray("errors").getJsonObject(0).getString("field"),
        response.body());
  }

  @Test
  @Order(3)
  void theRightChecksumIsAccepted() {
    String admin = RunningSystem.adminToken();
    byte[] content = random(50_000, 12);
    String sha = StorageApi.sha256(content);
    JsonObject plain = StorageApi.uploaded(EDIT, admin, "ok.bin", content, Map.of("checksum", sha));
    assertEquals(sha, plain.getJsonObject("checksum").getString("value"));
    JsonObject prefixed =
        StorageApi.uploaded(
            EDIT, admin, "ok.bin", content, Map.of("checksum", "SHA256:" + sha.toUpperCase()));
    assertEquals(sha, prefixed.getJsonObject("checksum").getString("value"));
    assertFalse(plain.containsKey("compression"), "stored as sent: " + plain);
  }

  // ------------------------------------------------------------------ compression

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "zstd"})
  @Order(4)
  void aCompressedFileDownloadsAsTheOriginalOrEncoded(String algorithm) throws Exception {
    String admin = RunningSystem.adminToken();
    byte[] content = compressible(3_000_000, algorithm.length());
    String sha = StorageApi.sha256(content);
    MultipartBody body = new MultipartBody();
    body.field("compress", algorithm);
    body.file("report.txt", "text/plain", content);
    body.field("checksum", sha).end();
    HttpResponse<String> created = StorageApi.upload(EDIT, admin, body);
    assertEquals(201, created.statusCode(), created.body());
    JsonObject file = Http.json(created);
    String id = file.getString("file_id");
    assertEquals(content.length, file.getJsonNumber("size_bytes").longValue());
    assertEquals(sha, file.getJsonObject("checksum").getString("value"));
    assertEquals(algorithm, file.getString("compression"));
    long stored = file.getJsonNumber("stored_size_bytes").longValue();
    assertTrue(stored < content.length / 2, "compressible text shrinks: " + stored);

    // On disk: compressed bytes, attr.json with the algorithm and both sizes.
    Path data =
        editDir().resolve(file.getString("storage_path") + file.getString("storage_filename"));
    byte[] onDisk = Files.readAllBytes(data);
    assertEquals(stored, onDisk.length);
    assertArrayEquals(content, decompress(algorithm, onDisk));
    JsonObject attr = readJson(Path.of(data + ".attr.json"));
    assertEquals("2", attr.getString("schema_version"));
    assertEquals(algorithm, attr.getString("compression"));
    assertEquals(content.length, attr.getJsonNumber("size_bytes").longValue());
    assertEquals(stored, attr.getJsonNumber("stored_size_bytes").longValue());
    assertEquals(sha, attr.getJsonObject("checksum").getString("value"));
    assertEquals(
        StorageApi.sha256(onDisk), attr.getJsonObject("stored_checksum").getString("value"));

    // Without Accept-Encoding: the original bytes, headers as for an uncompressed file.
    HttpResponse<byte[]> plain = StorageApi.download(EDIT, admin, id, Map.of());
    assertEquals(200, plain.statusCode());
    assertArrayEquals(content, plain.body());
    assertEquals(
        Long.toString(content.length), plain.headers().firstValue("Content-Length").orElseThrow());
    assertEquals("\"" + sha + "\"", plain.headers().firstValue("ETag").orElseThrow());
    assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "identity");
    assertEquals("Accept-Encoding", plain.headers().firstValue("Vary").orElseThrow());

    // Ranges over the original bytes (decompressed and skipped).
    assertRange(id, admin, "bytes=0-99", content, 0, 100);
    assertRange(id, admin, "bytes=1500000-1500999", content, 1_500_000, 1000);
    assertRange(id, admin, "bytes=2999000-", content, 2_999_000, 1000);
    assertRange(id, admin, "bytes=-500", content, content.length - 500, 500);
    HttpResponse<byte[]> beyond =
        StorageApi.download(EDIT, admin, id, Map.of("Range", "bytes=3000000-"));
    assertEquals(416, beyond.statusCode());
    assertEquals(
        "bytes */" + content.length, beyond.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> ifRangeOk =
        StorageApi.download(
            EDIT, admin, id, Map.of("Range", "bytes=10-19", "If-Range", "\"" + sha + "\""));
    assertEquals(206, ifRangeOk.statusCode());
    assertArrayEquals(Arrays.copyOfRange(content, 10, 20), ifRangeOk.body());
    HttpResponse<byte[]> ifRangeOther =
        StorageApi.download(
            EDIT, admin, id, Map.of("Range", "bytes=10-19", "If-Range", "\"other\""));
    assertEquals(200, ifRangeOther.statusCode());
    assertArrayEquals(content, ifRangeOther.body());
    HttpResponse<byte[]> notModified =
        StorageApi.download(EDIT, admin, id, Map.of("If-None-Match", "\"" + sha + "\""));
    assertEquals(304, notModified.statusCode());
    HttpResponse<byte[]> head =
        StorageApi.request("HEAD", EDIT + "/files/" + id + "/download", StorageApi.bearer(admin));
    assertEquals(200, head.statusCode());
    assertEquals(
        Long.toString(content.length), head.headers().firstValue("Content-Length").orElseThrow());

    // Accepting the coding: the stored bytes with Content-Encoding and their own ETag.
    HttpResponse<byte[]> encoded =
        StorageApi.download(
            EDIT, admin, id, Map.of("Accept-Encoding", "br;q=0.9, " + algorithm + ", identity"));
    assertEquals(200, encoded.statusCode());
    assertEquals(algorithm, encoded.headers().firstValue("Content-Encoding").orElseThrow());
    assertEquals(
        Long.toString(stored), encoded.headers().firstValue("Content-Length").orElseThrow());
    String encodedEtag = encoded.headers().firstValue("ETag").orElseThrow();
    assertNotEquals("\"" + sha + "\"", encodedEtag);
    assertEquals("Accept-Encoding", encoded.headers().firstValue("Vary").orElseThrow());
    assertArrayEquals(onDisk, encoded.body());
    assertArrayEquals(content, decompress(algorithm, encoded.body()));
    HttpResponse<byte[]> encodedRange =
        StorageApi.download(
            EDIT, admin, id, Map.of("Accept-Encoding", algorithm, "Range", "bytes=0-9"));
    assertEquals(206, encodedRange.statusCode());
    assertArrayEquals(Arrays.copyOfRange(onDisk, 0, 10), encodedRange.body());
    assertEquals(
        "bytes 0-9/" + stored, encodedRange.headers().firstValue("Content-Range").orElseThrow());
    HttpResponse<byte[]> encodedNotModified =
        StorageApi.download(
            EDIT, admin, id, Map.of("Accept-Encoding", algorithm, "If-None-Match", encodedEtag));
    assertEquals(304, encodedNotModified.statusCode());
    HttpResponse<byte[]> refused =
        StorageApi.download(EDIT, admin, id, Map.of("Accept-Encoding", algorithm + ";q=0"));
    assertTrue(refused.headers().firstValue("Content-Encoding").isEmpty());
    assertArrayEquals(content, refused.body());

    // Fixity verifies the stored bytes; the consistency check sees no size mismatch.
    HttpResponse<String> fixity =
        Http.post(EDIT + "/maintenance/fixity?file_id=" + id, "", StorageApi.bearer(admin));
    assertEquals(200, fixity.statusCode(), fixity.body());
    JsonObject report = Http.json(fixity);
    assertEquals(1, report.getInt("files_checked"), report.toString());
    assertEquals(0, report.getInt("failures_found"), report.toString());
    HttpResponse<String> consistency =
        Http.get(EDIT + "/cache/consistency", StorageApi.bearer(admin));
    assertEquals(200, consistency.statusCode(), consistency.body());
    assertFalse(consistency.body().contains(id), consistency.body());

    // The metadata (cache and attr.json alike) keeps the compression.
    JsonObject read = Http.json(Http.get(EDIT + "/files/" + id, StorageApi.bearer(admin)));
    assertEquals(algorithm, read.getString("compression"));
    assertEquals(stored, read.getJsonNumber("stored_size_bytes").longValue());
  }

  @Test
  @Order(5)
  void compressionFieldsAreValidated() {
    String admin = RunningSystem.adminToken();
    HttpResponse<String> unknown =
        StorageApi.upload(EDIT, admin, "x.bin", new byte[] {1}, Map.of("compress", "brotli"));
    assertProblem(unknown, 400, "VALIDATION_ERROR");
    assertEquals(
        "compress", Http.json(unknown).getJsonArray("errors").getJsonObject(0).getString("field"));
    MultipartBody late = new MultipartBody();
    late.file("x.bin", "application/octet-stream", new byte[] {1, 2});
    late.field("compress", "gzip").end();
    HttpResponse<String> after = StorageApi.upload(EDIT, admin, late);
    assertProblem(after, 400, "VALIDATION_ERROR");
    assertEquals(
        "compress", Http.json(after).getJsonArray("errors").getJsonObject(0).getString("field"));
    JsonObject none =
        StorageApi.uploaded(EDIT, admin, "x.bin", new byte[] {1, 2}, Map.of("compress", "none"));
    assertFalse(none.containsKey("compression"), none.toString());
  }

  // ------------------------------------------------------------------ withdraw

  @Test
  @Order(6)
  void aPermanentFileIsWithdrawnWithinTheWindow() throws IOException {
    String admin = RunningSystem.adminToken();
    JsonObject file =
        StorageApi.uploaded(
            rw(), admin, "unregistered.bin", random(100_000, 13), Map.of("compress", "gzip"));
    String id = file.getString("file_id");
    assertEquals("permanent", file.getString("retention_policy"));
    Path data =
        rwDir().resolve(file.getString("storage_path") + file.getString("storage_filename"));
    assertTrue(Files.exists(data));
    long usedBefore = usedBytes(rwElement.url());

    // Plain GC refuses: retention holds a permanent file.
    assertProblem(send("DELETE", rw() + "/gc/" + id, admin), 409, "RETENTION_LOCKED");

    HttpResponse<String> withdrawn = send("DELETE", rw() + "/gc/" + id + "?withdraw=true", admin);
    assertEquals(204, withdrawn.statusCode(), withdrawn.body());
    assertFalse(exists(rw(), admin, id));
    assertFalse(Files.exists(data), "data removed");
    assertFalse(Files.exists(Path.of(data + ".attr.json")), "attr.json removed");
    assertEquals(List.of(), StorageCrashIT.leftovers(rwDir()));
    assertEquals(404, Http.get(rw() + "/files/" + id, StorageApi.bearer(admin)).statusCode());
    assertEquals(
        usedBefore - file.getJsonNumber("stored_size_bytes").longValue(),
        usedBytes(rwElement.url()));

    // Idempotent.
    assertEquals(204, send("DELETE", rw() + "/gc/" + id + "?withdraw=true", admin).statusCode());
    assertEquals(
        204,
        send("DELETE", rw() + "/gc/" + UUID.randomUUID() + "?withdraw=true", admin).statusCode());
  }

  @Test
  @Order(9)
  void afterTheWindowAWithdrawIsRetentionLocked() {
    rwElement.close();
    rwElement = null;
    shortWindow =
        new StandaloneElement(
                "se-withdraw-2",
                PORT,
                "256m",
                Map.of("ARTSTORE_SE_MODE", "rw", "ARTSTORE_SE_WITHDRAW_WINDOW", "PT1S"))
            .start();
    String admin = RunningSystem.adminToken();
    String api = shortWindow.api();
    String id =
        StorageApi.uploaded(api, admin, "late.bin", random(1000, 14), Map.of())
            .getString("file_id");
    RunningSystem.sleep(1500);
    assertProblem(
        send("DELETE", api + "/gc/" + id + "?withdraw=true", admin), 409, "RETENTION_LOCKED");
    assertTrue(exists(api, admin, id), "still there");
  }

  @Test
  @Order(8)
  void onlyAdminServiceAccountsMayWithdraw() {
    String admin = RunningSystem.adminToken();
    String id =
        StorageApi.uploaded(rw(), admin, "guarded.bin", random(1000, 15), Map.of())
            .getString("file_id");
    TestTokens tokens = RunningSystem.get().tokens();
    String user =
        tokens.principal(
            UUID.randomUUID().toString(), "sa_it_withdraw_user", "service_account", "USER");
    String adminPerson =
        tokens.principal(UUID.randomUUID().toString(), "it-withdraw-admin", "admin_user", "ADMIN");
    assertProblem(send("DELETE", rw() + "/gc/" + id + "?withdraw=true", user), 403, "FORBIDDEN");
    assertEquals(
        403, send("DELETE", rw() + "/gc/" + id + "?withdraw=true", adminPerson).statusCode());
    assertEquals(401, send("DELETE", rw() + "/gc/" + id + "?withdraw=true", null).statusCode());
    assertTrue(exists(rw(), admin, id), "refused callers removed nothing");
    assertEquals(204, send("DELETE", rw() + "/gc/" + id + "?withdraw=true", admin).statusCode());
  }

  // ------------------------------------------------------------------ helpers

  private static void assertRange(
      String id, String token, String range, byte[] content, int from, int count) {
    HttpResponse<byte[]> response = StorageApi.download(EDIT, token, id, Map.of("Range", range));
    assertEquals(206, response.statusCode(), range);
    assertArrayEquals(Arrays.copyOfRange(content, from, from + count), response.body(), range);
    assertEquals(
        "bytes " + from + "-" + (from + count - 1) + "/" + content.length,
        response.headers().firstValue("Content-Range").orElseThrow());
    assertEquals(
        Long.toString(count), response.headers().firstValue("Content-Length").orElseThrow());
    assertTrue(response.headers().firstValue("Content-Encoding").isEmpty(), range);
  }

  private static boolean exists(String api, String token, String id) {
    HttpResponse<String> response =
        Http.get(api + "/gc/" + id + "/exists", StorageApi.bearer(token));
    assertEquals(200, response.statusCode(), response.body());
    return Http.json(response).getBoolean("exists");
  }

  private static long usedBytes(String url) {
    return Http.json(Http.get(url + "/api/v1/info"))
        .getJsonObject("capacity")
        .getJsonNumber("used_bytes")
        .longValue();
  }

  /** Data files and attr.json documents (not the element's dot directories). */
  private static List<String> dataFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .filter(p -> !p.startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static HttpResponse<String> send(String method, String url, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .method(method, HttpRequest.BodyPublishers.noBody());
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

  private static JsonObject readJson(Path path) throws IOException {
    try (JsonReader reader = Json.createReader(Files.newInputStream(path))) {
      return reader.readObject();
    }
  }

  private static byte[] decompress(String algorithm, byte[] bytes) throws IOException {
    InputStream in =
        algorithm.equals("gzip")
            ? new GZIPInputStream(new ByteArrayInputStream(bytes))
            : new ZstdInputStream(new ByteArrayInputStream(bytes));
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Text-like bytes that compress well but are not one repeated block. */
  private static byte[] compressible(int size, long seed) {
    Random random = new Random(seed);
    String[] words = {"archive ", "document ", "storage ", "element ", "checksum ", "ledger\n"};
    byte[] bytes = new byte[size];
    int i = 0;
    while (i < size) {
      byte[] word = words[random.nextInt(words.length)].getBytes(StandardCharsets.US_ASCII);
      int n = Math.min(word.length, size - i);
      System.arraycopy(word, 0, bytes, i, n);
      i += n;
    }
    return bytes;
  }
}
