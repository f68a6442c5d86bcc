package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The ingester when things go wrong, with an ingester and an element of the test's own, both in a
 * 256 MiB heap, the ingester reaching admin through a relay the test can cut (admin "stopped" for
 * this ingester only): a 2 GiB upload streams through both (SPEC §5.1, §8); a file stored while
 * admin is unreachable is not acknowledged and does not stay on the element; an upload an ingester
 * left unsettled (it died between storing and registering) is settled by the intent sweeper.
 */
@Order(18)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestResilienceIT {
  static final long SIZE = 2L * 1024 * 1024 * 1024;
  static final String ADMIN = IngestIT.ADMIN;

  private static TcpProxy adminRelay;
  private static TcpProxy redisRelay;
  private static StandaloneServer ingester;
  private static StandaloneElement element;
  private static String registryId;
  private static String token;

  @BeforeAll
  static void start() {
    RunningSystem system = RunningSystem.get();
    token = RunningSystem.adminToken();
    adminRelay = new TcpProxy(8043, "127.0.0.1", RunningSystem.PORTS.get("admin")).open();
    redisRelay = new TcpProxy(8046, "127.0.0.1", RunningSystem.REDIS_PORT).open();
    element =
        new StandaloneElement("se-stream", 8044, "256m", Map.of("ARTSTORE_SE_PRIORITY", "1"))
            .start();
    registryId = IngestIT.register(element);
    ingester =
        new StandaloneServer(
                "ingester",
                "ingester-it",
                8042,
                "256m",
                Map.of(
                    "ARTSTORE_ADMIN_URL",
                    adminRelay.url(),
                    "ARTSTORE_REDIS_URL",
                    "redis://127.0.0.1:8046",
                    "ARTSTORE_CONFIG_DIR",
                    system.dataDir.resolve("config").toString(),
                    "ARTSTORE_INGESTER_INTENT_SWEEP_INTERVAL",
                    "2s"))
            .start();
    IngestIT.awaitIngesterSees(ingester.url() + "/api/v1", s -> IngestIT.online(s, "se-stream"));
  }

  @AfterAll
  static void stop() {
    if (registryId != null) {
      // Out of the choice for whatever runs next.
      Http.method(
          "PUT",
          ADMIN + "/storage-elements/" + registryId,
          "{\"priority\":100000}",
          RunningSystem.asAdmin());
    }
    for (StandaloneServer s : new StandaloneServer[] {ingester, element}) {
      if (s != null) {
        s.stop();
      }
    }
    for (TcpProxy relay : new TcpProxy[] {adminRelay, redisRelay}) {
      if (relay != null) {
        relay.close();
      }
    }
  }

  @Test
  @Order(1)
  void twoGibibytesStreamThroughIngesterAndElementIn256MibHeaps() throws Exception {
    assertTrue(
        StorageCrashIT.metric(ingester.url(), "memory_maxHeap_bytes") <= 256.0 * 1024 * 1024,
        "the ingester really runs with a 256 MiB heap");
    assertTrue(StorageCrashIT.metric(element.url(), "memory_maxHeap_bytes") <= 256.0 * 1024 * 1024);
    String expected = StorageApi.sha256(new StorageStreamingIT.Pattern(SIZE));
    MultipartBody body =
        new MultipartBody()
            .field("description", "two gibibytes through the ingester")
            .file(
                "big-ingest.bin",
                "application/octet-stream",
                SIZE,
                () -> new StorageStreamingIT.Pattern(SIZE))
            .end();
    long started = System.nanoTime();
    HttpResponse<String> created = StorageApi.upload(ingester.url() + "/api/v1", token, body);
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(201, created.statusCode(), created.body());
    JsonObject file = Http.json(created);
    String id = file.getString("file_id");
    assertEquals(SIZE, file.getJsonNumber("size_bytes").longValue());
    assertEquals(expected, file.getString("checksum"));
    assertEquals("se-stream", file.getString("storage_element_id"));
    assertEquals(
        expected, IngestIT.registryRecord(id).getJsonObject("checksum").getString("value"));
    assertEquals(expected, StorageApi.downloadSha256(element.api(), token, id));
    assertTrue(ingester.jvm().isPresent() && element.jvm().isPresent(), "both still alive");
    System.out.printf(
        "2 GiB through ingester and element, 256 MiB heaps: %.1f s (%.0f MiB/s)%n",
        seconds, 2048 / seconds);

    // Free the disk: delete through the ingester, then the element's physical removal.
    assertEquals(
        204,
        Http.method(
                "DELETE", ingester.url() + "/api/v1/files/" + id, null, StorageApi.bearer(token))
            .statusCode());
    assertEquals(
        204,
        Http.method("DELETE", element.api() + "/gc/" + id, null, StorageApi.bearer(token))
            .statusCode());
  }

  @Test
  @Order(2)
  void withAdminUnreachableNothingIsAcknowledgedAndNothingStays() {
    // The ingester holds its token and the discovery snapshot; then admin goes away for it.
    String name = "orphan-" + UUID.randomUUID() + ".bin";
    adminRelay.cut();
    try {
      HttpResponse<String> refused =
          StorageApi.upload(
              ingester.url() + "/api/v1", token, name, IngestIT.random(50_000), Map.of());
      IngestIT.assertProblem(refused, 503, "SERVICE_UNAVAILABLE");
      assertTrue(refused.headers().firstValue("Retry-After").isPresent());
      assertEquals(0, filesNamed(element.dataDir, name), "the stored copy was withdrawn");
      assertTrue(
          StorageCrashIT.metric(ingester.url(), "artstore_ingester_compensations_total") >= 1);
    } finally {
      adminRelay.open();
    }
    JsonObject registered =
        Http.json(
            Http.get(
                ADMIN + "/files?storage_element_id=se-stream&limit=1000", RunningSystem.asAdmin()));
    assertFalse(registered.toString().contains(name), "not in the registry either");
    // Admin back: uploads are acknowledged again.
    HttpResponse<String> again =
        StorageApi.upload(
            ingester.url() + "/api/v1", token, "after.bin", IngestIT.random(1000), Map.of());
    assertEquals(201, again.statusCode(), again.body());
  }

  @Test
  @Order(3)
  void anUnsettledUploadOfADeadIngesterIsSettled() throws Exception {
    // What an ingester leaves when it dies between storing and registering: the element holds the
    // file, admin does not know it, an intent names it. Plus an intent of a file that did get
    // registered. Both from another ingester instance, older than an hour.
    UUID orphan = UUID.randomUUID();
    UUID registered = UUID.randomUUID();
    for (UUID id : new UUID[] {orphan, registered}) {
      HttpResponse<String> stored =
          StorageApi.upload(
              element.api(),
              token,
              "intent-" + id + ".bin",
              IngestIT.random(3000),
              Map.of("file_id", id.toString(), "uploaded_by", "it-intent"));
      assertEquals(201, stored.statusCode(), stored.body());
      if (id.equals(registered)) {
        assertEquals(
            201, Http.post(ADMIN + "/files", stored.body(), StorageApi.bearer(token)).statusCode());
      }
      RunningSystem.sql(
          "INSERT INTO ingester.upload_intents (file_id, element_id, element_url, instance_id,"
              + " created_at) VALUES ('"
              + id
              + "', 'se-stream', '"
              + element.url()
              + "', 'dead-ingester', now() - interval '2 hours')");
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (intents(orphan, registered) > 0 && System.nanoTime() < deadline) {
      RunningSystem.sleep(500);
    }
    assertEquals(0, intents(orphan, registered), "both intents settled");
    assertEquals(
        404,
        Http.get(element.api() + "/files/" + orphan, StorageApi.bearer(token)).statusCode(),
        "the unregistered copy was withdrawn");
    assertEquals(
        200,
        Http.get(element.api() + "/files/" + registered, StorageApi.bearer(token)).statusCode(),
        "the registered file is untouched");
  }

  @Test
  @Order(4)
  void withoutRedisDiscoveryFallsBackToAdminThenToDiskAndRecovers() {
    String api = ingester.url() + "/api/v1";
    redisRelay.cut();
    try {
      awaitSource(api, "admin");
      assertEquals(200, Http.status(ingester.url() + "/health/ready"), "degraded, still ready");
      HttpResponse<String> uploaded =
          StorageApi.upload(api, token, "no-redis.bin", IngestIT.random(2000), Map.of());
      assertEquals(201, uploaded.statusCode(), uploaded.body());

      // Admin gone too, and the ingester restarts: the snapshot it persisted says where to store.
      adminRelay.cut();
      try {
        ingester.stop();
        ingester.start();
        awaitSource(api, "disk");
        JsonObject discovery =
            Http.json(Http.get(api + "/status", StorageApi.bearer(token)))
                .getJsonObject("discovery");
        assertTrue(discovery.getInt("elements") > 0, discovery.toString());
        // Without admin there is no service token and no registration: refused, nothing stored.
        String name = "disk-" + UUID.randomUUID() + ".bin";
        HttpResponse<String> refused =
            StorageApi.upload(api, token, name, IngestIT.random(2000), Map.of());
        IngestIT.assertProblem(refused, 503, "SERVICE_UNAVAILABLE");
        assertEquals(0, filesNamed(element.dataDir, name));
      } finally {
        adminRelay.open();
      }
    } finally {
      redisRelay.open();
    }
    awaitSource(api, "redis");
    HttpResponse<String> back =
        StorageApi.upload(api, token, "redis-back.bin", IngestIT.random(2000), Map.of());
    assertEquals(201, back.statusCode(), back.body());
    // Changes reach the ingester through Redis again.
    HttpResponse<String> changed =
        Http.method(
            "PUT",
            ADMIN + "/storage-elements/" + registryId,
            "{\"priority\":2}",
            RunningSystem.asAdmin());
    assertEquals(200, changed.statusCode(), changed.body());
    IngestIT.awaitIngesterSees(api, s -> IngestIT.priorityOf(s, "se-stream") == 2);
  }

  private static void awaitSource(String api, String expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String source = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> status = Http.get(api + "/status", StorageApi.bearer(token));
      if (status.statusCode() == 200) {
        source = Http.json(status).getJsonObject("discovery").getString("source", "");
        if (source.equals(expected)) {
          return;
        }
      }
      RunningSystem.sleep(500);
    }
    throw new AssertionError("discovery source " + source + ", expected " + expected);
  }

  private static long intents(UUID... ids) throws Exception {
    try (var c = RunningSystem.database();
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT count(*) FROM ingester.upload_intents WHERE file_id IN ('"
                    + ids[0]
                    + "','"
                    + ids[1]
                    + "')")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long filesNamed(Path dir, String name) {
    String stem = name.substring(0, name.lastIndexOf('.'));
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith(stem)).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
