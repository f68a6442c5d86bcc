package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The storage element's file API behaves the same on both backends (SPEC §3.4): the system's edit
 * element on local disk, and an element on S3 (S3Proxy). Round trip, attr.json content, every RFC
 * 9110 download form, hostile names, and bad input that must never write anything.
 */
@Order(22)
class StorageHttpContractIT {
  static final int S3PROXY_PORT = 18081;
  static final long S3_MAX_SIZE = 96L * 1024 * 1024;
  static final long S3_MAX_FILE = 40L * 1024 * 1024;

  private static S3ProxyServer s3;
  private static StandaloneElement s3Element;
  private static String token;

  /** One element under test and how to read its store behind its back. */
  record Target(String name, String api, Store store) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Store {
    /** The object at a key, or null. */
    byte[] read(String key) throws IOException;

    /** Every key of a temporary object or an open WAL entry the element left. */
    List<String> leftovers() throws IOException;
  }

  @BeforeAll
  static void start() {
    RunningSystem.get();
    token = RunningSystem.adminToken();
    s3 = S3ProxyServer.start(S3PROXY_PORT);
    s3Element =
        new StandaloneElement(
                "se-s3-1",
                8014,
                "256m",
                Map.of(
                    "ARTSTORE_SE_STORAGE_TYPE", "s3",
                    "ARTSTORE_SE_S3_ENDPOINT", s3.url(),
                    "ARTSTORE_SE_S3_BUCKET", S3ProxyServer.BUCKET,
                    "ARTSTORE_SE_S3_PREFIX", "elements/se-s3-1",
                    "ARTSTORE_SE_S3_ACCESS_KEY", "it",
                    "ARTSTORE_SE_S3_SECRET_KEY", "it",
                    "ARTSTORE_SE_S3_PART_SIZE", "5MiB",
                    "ARTSTORE_SE_MAX_SIZE", Long.toString(S3_MAX_SIZE),
                    "ARTSTORE_SE_MAX_FILE_SIZE", Long.toString(S3_MAX_FILE)))
            .start();
  }

  @AfterAll
  static void stop() {
    if (s3Element != null) {
      s3Element.close();
    }
    if (s3 != null) {
      s3.close();
    }
  }

  static Stream<Target> elements() {
    Path local = RunningSystem.get().dataDir.resolve("elements/se-edit-1");
    Target disk =
        new Target(
            "local",
            RunningSystem.url("storage-edit") + "/api/v1",
            new Store() {
              @Override
              public byte[] read(String key) throws IOException {
                Path file = local.resolve(key);
                return Files.exists(file) ? Files.readAllBytes(file) : null;
              }

              @Override
              public List<String> leftovers() throws IOException {
                return StorageCrashIT.leftovers(local);
              }
            });
    Target bucket =
        new Target(
            "s3",
            s3Element.api(),
            new Store() {
              @Override
              public byte[] read(String key) {
                return s3.object("elements/se-s3-1/" + key);
              }

              @Override
              public List<String> leftovers() throws IOException {
                return StorageCrashIT.leftovers(s3Element.dataDir);
              }
            });
    return Stream.of(disk, bucket);
  }

  // ------------------------------------------------------------------ round trip

  @ParameterizedTest(name = "{0}")
  @MethodSource("elements")
  void roundTripKeepsEveryByteAndEveryAttribute(Target target) throws Exception {
    byte[] content = random(300_000, 1);
    MultipartBody body =
        new MultipartBody()
            .field("description", "Round trip")
            .field("tags", "[\"alpha\",\"beta\"]")
            .field("metadata", "{\"project\":\"apollo\",\"year\":2026}")
            .file("Отчёт 2026.pdf", "application/pdf", content)
            .end();
    HttpResponse<String> created = StorageApi.upload(target.api(), token, body);
    assertEquals(201, created.statusCode(), created.body());
    JsonObject file = Http.json(created);
    String id = file.getString("file_id");
    assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/files/" + id));
    assertEquals(StorageApi.sha256(content), file.getJsonObject("checksum").getString("value"));
    assertEquals("sha256", file.getJsonObject("checksum").getString("algorithm"));
    assertEquals(content.length, file.getJsonNumber("size_bytes").longValue());
    assertEquals("Отчёт 2026.pdf", file.getString("original_filename"));
    assertEquals("application/pdf", file.getString("content_type"));

    // attr.json in the store: every schema-2 field, the same values as the answer.
    String key = file.getString("storage_path") + file.getString("storage_filename");
    assertTrue(key.matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/.+"), key);
    byte[] attrBytes = target.store().read(key + ".attr.json");
    assertNotNull(attrBytes, "attr.json next to the data");
    assertTrue(attrBytes.length <= 4096);
    JsonObject attr = json(new String(attrBytes, StandardCharsets.UTF_8));
    assertEquals(
        Set.of(
            "schema_version",
            "file_id",
            "original_filename",
            "storage_filename",
            "storage_path",
            "size_bytes",
            "content_type",
            "checksum",
            "created_at",
            "updated_at",
            "uploaded_by",
            "description",
            "tags",
            "metadata",
            "retention_policy",
            "ttl_days",
            "expires_at",
            "status",
            "storage_element_id",
            "version"),
        attr.keySet());
    assertEquals("2", attr.getString("schema_version"));
    assertEquals(file, attr, "the answer is the attr.json");
    assertArrayEquals(content, target.store().read(key), "data file in the store");

    HttpResponse<String> metadata =
        Http.get(target.api() + "/files/" + id, StorageApi.bearer(token));
    assertEquals(200, metadata.statusCode());
    assertEquals(file, Http.json(metadata));
    assertEquals("\"v1\"", metadata.headers().firstValue("ETag").orElseThrow());

    HttpResponse<byte[]> download = StorageApi.download(target.api(), token, id, Map.of());
    assertEquals(200, download.statusCode());
    assertArrayEquals(content, download.body());
    assertEquals(
        "\"" + StorageApi.sha256(content) + "\"",
        download.headers().firstValue("ETag").orElseThrow());
    assertEquals("bytes", download.headers().firstValue("Accept-Ranges").orElseThrow());
    assertTrue(download.headers().firstValue("Last-Modified").isPresent());
    assertTrue(
        download.headers().firstValue("Content-Type").orElseThrow().startsWith("application/pdf"));
    String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
    assertTrue(disposition.startsWith("attachment;"), disposition);
    assertTrue(
        disposition.contains("filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%202026.pdf"),
        disposition);

    HttpResponse<byte[]> head =
        StorageApi.request(
            "HEAD", target.api() + "/files/" + id + "/download", StorageApi.bearer(token));
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(
        Long.toString(content.length), head.headers().firstValue("Content-Length").orElseThrow());
    assertEquals(download.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
    assertEquals(List.of(), target.store().leftovers());
  }

  // ------------------------------------------------------------------ RFC 9110 downloads

  @ParameterizedTest(name = "{0}")
  @MethodSource("elements")
  void rangesAndConditionalsFollowRfc9110(Target target) {
    byte[] content = random(10_000, 2);
    JsonObject file = StorageApi.uploaded(target.api(), token, "r.bin", content, Map.of());
    String id = file.getString("file_id");
    String etag = "\"" + file.getJsonObject("checksum").getString("value") + "\"";

    assertRange(target, id, "bytes=0-99", content, 0, 99);
    assertRange(target, id, "bytes=9990-", content, 9990, 9999);
    assertRange(target, id, "bytes=-10", content, 9990, 9999);
    assertRange(target, id, "bytes=-20000", content, 0, 9999);
    assertRange(target, id, "bytes=9000-20000", content, 9000, 9999);
    assertRange(target, id, "bytes=5-5", content, 5, 5);

    HttpResponse<byte[]> beyond = range(target, id, Map.of("Range", "bytes=10000-"));
    assertEquals(416, beyond.statusCode());
    assertEquals("bytes */10000", beyond.headers().firstValue("Content-Range").orElseThrow());
    assertTrue(new String(beyond.body(), StandardCharsets.UTF_8).contains("RANGE_NOT_SATISFIABLE"));

    // Several ranges, a unit we do not know, nonsense: ignored, the whole file.
    for (String ignored : List.of("bytes=0-1,5-6", "items=0-5", "bytes=5-3", "bytes=abc")) {
      HttpResponse<byte[]> whole = range(target, id, Map.of("Range", ignored));
      assertEquals(200, whole.statusCode(), ignored);
      assertArrayEquals(content, whole.body(), ignored);
    }

    HttpResponse<byte[]> notModified = range(target, id, Map.of("If-None-Match", etag));
    assertEquals(304, notModified.statusCode());
    assertEquals(0, notModified.body().length);
    assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
    assertEquals(
        304, range(target, id, Map.of("If-None-Match", "\"other\", " + etag)).statusCode());
    assertEquals(304, range(target, id, Map.of("If-None-Match", "*")).statusCode());
    assertEquals(200, range(target, id, Map.of("If-None-Match", "\"other\"")).statusCode());

    String lastModified =
        range(target, id, Map.of()).headers().firstValue("Last-Modified").orElseThrow();
    assertEquals(304, range(target, id, Map.of("If-Modified-Since", lastModified)).statusCode());
    assertEquals(
        200,
        range(target, id, Map.of("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"))
            .statusCode());

    HttpResponse<byte[]> ifRange =
        range(target, id, Map.of("Range", "bytes=0-9", "If-Range", etag));
    assertEquals(206, ifRange.statusCode());
    assertArrayEquals(Arrays.copyOfRange(content, 0, 10), ifRange.body());
    HttpResponse<byte[]> changed =
        range(target, id, Map.of("Range", "bytes=0-9", "If-Range", "\"changed\""));
    assertEquals(200, changed.statusCode());
    assertArrayEquals(content, changed.body());
    assertEquals(
        206,
        range(target, id, Map.of("Range", "bytes=0-9", "If-Range", lastModified)).statusCode());

    HttpResponse<byte[]> headRange =
        StorageApi.request(
            "HEAD",
            target.api() + "/files/" + id + "/download",
            Map.of("Authorization", "Bearer " + token, "Range", "bytes=0-9"));
    assertEquals(206, headRange.statusCode());
    assertEquals("bytes 0-9/10000", headRange.headers().firstValue("Content-Range").orElseThrow());

    assertEquals(
        404,
        StorageApi.download(target.api(), token, java.util.UUID.randomUUID().toString(), Map.of())
            .statusCode());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("elements")
  void emptyFilesAreFilesToo(Target target) {
    JsonObject file = StorageApi.uploaded(target.api(), token, "empty.txt", new byte[0], Map.of());
    assertEquals(0, file.getJsonNumber("size_bytes").longValue());
    assertEquals(StorageApi.sha256(new byte[0]), file.getJsonObject("checksum").getString("value"));
    HttpResponse<byte[]> download =
        StorageApi.download(target.api(), token, file.getString("file_id"), Map.of());
    assertEquals(200, download.statusCode());
    assertEquals(0, download.body().length);
    assertEquals(
        416, range(target, file.getString("file_id"), Map.of("Range", "bytes=0-")).statusCode());
  }

  // ------------------------------------------------------------------ hostile names

  @ParameterizedTest(name = "{0}")
  @MethodSource("elements")
  void hostileNamesAreStoredSafely(Target target) throws Exception {
    String longName = "x".repeat(300) + ".txt";
    for (String name :
        List.of(
            "../../etc/passwd",
            "..\\..\\windows\\system32\\cmd.exe",
            "a\u0000b.txt",
            "/absolute/path.txt",
            ".hidden",
            "con<>:\"|?*.txt",
            "line\r\nbreak.txt",
            longName,
            "y".repeat(10_000) + ".bin",
            "😀".repeat(120) + ".png")) {
      byte[] content = ("named " + name.length()).getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> response =
          StorageApi.upload(target.api(), token, name, content, Map.of());
      assertTrue(
          response.statusCode() == 201 || response.statusCode() == 400,
          name.length() + ": " + response.statusCode() + " " + response.body());
      if (response.statusCode() == 400) {
        continue;
      }
      JsonObject file = Http.json(response);
      String stored = file.getString("storage_filename");
      assertFalse(stored.contains("/") || stored.contains("\\"), stored);
      assertFalse(stored.startsWith("."), stored);
      assertTrue(stored.chars().noneMatch(c -> c < 0x20 || c == 0x7f), stored);
      assertTrue(stored.length() <= 200, "length " + stored.length());
      assertTrue(stored.getBytes(StandardCharsets.UTF_8).length <= 240);
      assertTrue(file.getString("storage_path").matches("\\d{4}/\\d{2}/\\d{2}/\\d{2}/"));
      String key = file.getString("storage_path") + stored;
      assertArrayEquals(content, target.store().read(key), "stored under the element root");
      assertArrayEquals(
          content,
          StorageApi.download(target.api(), token, file.getString("file_id"), Map.of()).body());
      assertFalse(file.getString("original_filename").contains("/"));
    }
    JsonObject longOne =
        StorageApi.uploaded(target.api(), token, longName, new byte[] {1}, Map.of());
    assertEquals(longName, longOne.getString("original_filename"), "the full name is kept");
    assertNull(target.store().read("etc/passwd"));
  }

  // ------------------------------------------------------------------ bad input

  @ParameterizedTest(name = "{0}")
  @MethodSource("elements")
  void badInputWritesNothingAndIsNever500(Target target) throws Exception {
    long filesBefore = fileCount(target);

    HttpResponse<String> truncated =
        StorageApi.upload(
            target.api(),
            token,
            new MultipartBody()
                .field("description", "cut short")
                .raw("--cut\r\n") // not our boundary: the real one never closes the body
                .file("t.bin", "application/octet-stream", random(200_000, 3)));
    assertEquals(400, truncated.statusCode(), truncated.body());
    assertProblem(truncated, 400, "BAD_REQUEST");

    HttpResponse<String> oversize =
        StorageApi.upload(
            target.api(),
            token,
            "big-metadata.txt",
            new byte[] {1, 2, 3},
            Map.of("description", "d".repeat(5000)));
    assertEquals(400, oversize.statusCode(), oversize.body());
    assertProblem(oversize, 400, "VALIDATION_ERROR");

    for (Map.Entry<String, String> field :
        Map.of(
                "tags", "[not json",
                "metadata", "{\"nested\":{\"a\":1}}",
                "ttl_days", "-5",
                "retention_policy", "forever",
                "file_id", "not-a-uuid")
            .entrySet()) {
      HttpResponse<String> bad =
          StorageApi.upload(
              target.api(),
              token,
              "bad.txt",
              new byte[] {1},
              Map.of(field.getKey(), field.getValue()));
      assertEquals(400, bad.statusCode(), field + " " + bad.body());
      assertProblem(bad, 400, "VALIDATION_ERROR");
      assertEquals(
          field.getKey(),
          Http.json(bad).getJsonArray("errors").getJsonObject(0).getString("field"));
    }

    HttpResponse<String> noFile =
        StorageApi.upload(
            target.api(), token, new MultipartBody().field("description", "no file").end());
    assertEquals(400, noFile.statusCode());

    HttpResponse<String> notMultipart =
        Http.post(target.api() + "/files/upload", "{}", StorageApi.bearer(token));
    assertEquals(415, notMultipart.statusCode());

    HttpResponse<String> garbage =
        StorageApi.upload(
            target.api(), token, new MultipartBody().raw("this is not multipart at all"));
    assertEquals(400, garbage.statusCode(), garbage.body());

    // A Content-Length that lies: the body ends (half-close) long before the announced length.
    String lying = lyingContentLength(target, token);
    assertTrue(lying.startsWith("HTTP/1.1 400"), lying);

    assertEquals(filesBefore, fileCount(target), "nothing was stored");
    assertEquals(List.of(), target.store().leftovers());
  }

  // ------------------------------------------------------------------ capacity (S3 element)

  @Test
  void fileTooLargeAndStorageFullStopBeforeOrWhileWriting() throws Exception {
    Target target = elements().filter(t -> t.name().equals("s3")).findFirst().orElseThrow();
    long before = fileCount(target);

    // Longer than the per-file limit: refused while streaming, nothing left.
    MultipartBody tooLarge =
        new MultipartBody()
            .file(
                "huge.bin",
                "application/octet-stream",
                S3_MAX_FILE + 1024 * 1024,
                () -> new Zeros(S3_MAX_FILE + 1024 * 1024))
            .end();
    HttpResponse<String> large = StorageApi.upload(target.api(), token, tooLarge);
    assertEquals(413, large.statusCode(), large.body());
    assertProblem(large, 413, "FILE_TOO_LARGE");
    // Chunked: the length is unknown up front, the limit is found while streaming.
    HttpResponse<String> largeChunked = StorageApi.uploadChunked(target.api(), token, tooLarge);
    assertEquals(413, largeChunked.statusCode(), largeChunked.body());
    assertProblem(largeChunked, 413, "FILE_TOO_LARGE");
    assertEquals(List.of(), target.store().leftovers());

    // Fill the element close to its limit, then a file that does not fit: 507 before writing.
    long chunk = 30L * 1024 * 1024;
    for (int i = 0; i < 3; i++) {
      MultipartBody fill =
          new MultipartBody()
              .file("fill-" + i + ".bin", "application/octet-stream", chunk, () -> new Zeros(chunk))
              .end();
      assertEquals(201, StorageApi.upload(target.api(), token, fill).statusCode());
    }
    MultipartBody overflow =
        new MultipartBody()
            .file("overflow.bin", "application/octet-stream", chunk, () -> new Zeros(chunk))
            .end();
    HttpResponse<String> full = StorageApi.upload(target.api(), token, overflow);
    assertEquals(507, full.statusCode(), full.body());
    assertProblem(full, 507, "STORAGE_FULL");
    HttpResponse<String> fullChunked = StorageApi.uploadChunked(target.api(), token, overflow);
    assertEquals(507, fullChunked.statusCode(), fullChunked.body());
    assertProblem(fullChunked, 507, "STORAGE_FULL");
    assertEquals(before + 3, fileCount(target));
    assertEquals(List.of(), target.store().leftovers());
    JsonObject info = Http.json(Http.get(s3Element.url() + "/api/v1/info"));
    assertEquals("s3", info.getString("storage_type"));
    assertEquals(
        S3_MAX_SIZE, info.getJsonObject("capacity").getJsonNumber("total_bytes").longValue());
  }

  // ------------------------------------------------------------------ helpers

  /** A raw HTTP/1.1 upload announcing 1 MB and sending 300 bytes, then closing its side. */
  private static String lyingContentLength(Target target, String token) throws IOException {
    java.net.URI uri = java.net.URI.create(target.api() + "/files/upload");
    String part =
        "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lie.bin\"\r\n\r\n"
            + "x".repeat(200);
    String head =
        "POST "
            + uri.getPath()
            + " HTTP/1.1\r\nHost: localhost:"
            + uri.getPort()
            + "\r\nAuthorization: Bearer "
            + token
            + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 1000000\r\n"
            + "Connection: close\r\n\r\n";
    try (java.net.Socket socket = new java.net.Socket("localhost", uri.getPort())) {
      socket.setSoTimeout(60_000);
      socket.getOutputStream().write((head + part).getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      byte[] answer = socket.getInputStream().readAllBytes();
      return new String(answer, StandardCharsets.UTF_8);
    }
  }

  private static long fileCount(Target target) {
    HttpResponse<String> list = Http.get(target.api() + "/files?limit=1", StorageApi.bearer(token));
    assertEquals(200, list.statusCode(), list.body());
    return Http.json(list).getJsonNumber("total").longValue();
  }

  private static void assertRange(
      Target target, String id, String header, byte[] content, int from, int to) {
    HttpResponse<byte[]> response = range(target, id, Map.of("Range", header));
    assertEquals(206, response.statusCode(), header);
    assertArrayEquals(Arrays.copyOfRange(content, from, to + 1), response.body(), header);
    assertEquals(
        "bytes " + from + "-" + to + "/" + content.length,
        response.headers().firstValue("Content-Range").orElseThrow(),
        header);
    assertEquals(
        Integer.toString(to - from + 1),
        response.headers().firstValue("Content-Length").orElseThrow(),
        header);
  }

  private static HttpResponse<byte[]> range(Target target, String id, Map<String, String> headers) {
    return StorageApi.download(target.api(), token, id, headers);
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static JsonObject json(String text) {
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** {@code size} zero bytes, never held in memory. */
  static final class Zeros extends InputStream {
    private long left;

    Zeros(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
