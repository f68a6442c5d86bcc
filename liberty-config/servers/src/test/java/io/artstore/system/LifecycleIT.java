package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The run as an operator lives it: dependencies fail under it, Ctrl-C stops everything it started,
 * and a second start finds the data of the first. One test, because each step needs the one before.
 */
@Order(100)
class LifecycleIT {
  private static final List<String> NEED_DATABASE = List.of("admin", "ingester", "query");
  private static final List<String> ELEMENTS = List.of("storage-edit", "storage-rw");

  @Test
  void dependencyFailuresCtrlCAndRestart() {
    RunningSystem system = RunningSystem.get();
    String installationId = installationId();

    // Redis down: degraded, still ready everywhere.
    long redis = system.redisPid();
    assertTrue(redis > 0, "redis pid file");
    RunningSystem.signal("-KILL", Long.toString(redis));
    awaitStatus("admin", "DEGRADED");
    for (String server : RunningSystem.PORTS.keySet()) {
      assertEquals(200, Http.status(RunningSystem.url(server) + "/health/ready"), server);
      assertEquals(
          "DOWN", readinessCheck(server, "redis").getJsonObject("data").getString("state"));
    }

    // A registration while Redis is down: its event waits in the outbox (published after the
    // restart, checked below).
    JsonObject whileRedisDown =
        StorageApi.uploaded(
            RunningSystem.url("storage-edit") + "/api/v1",
            RunningSystem.adminToken(),
            "redis-down.txt",
            "registered while Redis was down".getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertEquals(
        201,
        Http.post(
                RunningSystem.url("admin") + "/api/v1/files",
                whileRedisDown.toString(),
                StorageApi.bearer(RunningSystem.adminToken()))
            .statusCode());

    // Uploads through the ingester keep working: discovery falls back to admin's endpoint.
    awaitDiscoverySource("admin");
    HttpResponse<String> ingested =
        StorageApi.upload(
            RunningSystem.url("ingester") + "/api/v1",
            RunningSystem.adminToken(),
            "ingested-while-redis-down.txt",
            "uploaded while Redis was down".getBytes(StandardCharsets.UTF_8),
            Map.of());
    assertEquals(201, ingested.statusCode(), ingested.body());

    // A file stored while everything is up, and a token issued while admin can still issue one.
    String token = RunningSystem.adminToken();
    String edit = RunningSystem.url("storage-edit") + "/api/v1";
    byte[] before = "stored before the database went down".getBytes(StandardCharsets.UTF_8);
    String beforeId =
        StorageApi.uploaded(edit, token, "before.txt", before, Map.of()).getString("file_id");

    // PostgreSQL down (immediate shutdown, as in a crash): services that need it are not ready;
    // the elements stay ready (they serve from attr.json), reporting the database down.
    long postgres = system.postgresPid();
    assertTrue(postgres > 0, "postmaster.pid");
    RunningSystem.signal("-QUIT", Long.toString(postgres));
    for (String server : NEED_DATABASE) {
      awaitReadiness(server, 503);
      assertEquals("DOWN", readinessCheck(server, "database").getString("status"));
    }
    for (String server : ELEMENTS) {
      assertEquals(200, Http.status(RunningSystem.url(server) + "/health/ready"), server);
      assertEquals(
          "DOWN", readinessCheck(server, "database").getJsonObject("data").getString("state"));
    }

    // The element without its database (SPEC §3.5, docs/DECISIONS.md): metadata and bytes come
    // from attr.json; a listing needs the cache (503); a write succeeds (attr.json is the truth)
    // and its cache update waits in the WAL for the database.
    HttpResponse<String> metadata = Http.get(edit + "/files/" + beforeId, StorageApi.bearer(token));
    assertEquals(200, metadata.statusCode(), metadata.body());
    assertEquals(beforeId, Http.json(metadata).getString("file_id"));
    HttpResponse<byte[]> download = StorageApi.download(edit, token, beforeId, Map.of());
    assertEquals(200, download.statusCode());
    assertArrayEquals(before, download.body());
    assertEquals(503, Http.get(edit + "/files", StorageApi.bearer(token)).statusCode());
    byte[] during = "stored while the database was down".getBytes(StandardCharsets.UTF_8);
    String duringId =
        StorageApi.uploaded(edit, token, "during.txt", during, Map.of()).getString("file_id");
    assertEquals(200, Http.get(edit + "/files/" + duringId, StorageApi.bearer(token)).statusCode());
    assertEquals(
        1.0,
        StorageCrashIT.metric(RunningSystem.url("storage-edit"), "artstore_se_wal_pending_entries"),
        "the cache update waits in the WAL");

    // Ctrl-C: nothing the run started survives it, and every port is free again.
    stopWithCtrlC(system);

    // A second start reuses the first one's data: same installation, same element mode.
    system.start();
    assertEquals(installationId, installationId(), "installation survives the restart");
    assertEquals(
        "ro", StorageModeIT.info("storage-rw").getString("mode"), "mode survives the restart");
    assertEquals("edit", StorageModeIT.info("storage-edit").getString("mode"));
    assertTrue(
        RedisProbe.streamMentions(whileRedisDown.getString("file_id"), 15),
        "the event of the registration made while Redis was down was published after all");
    assertTrue(
        RedisProbe.streamMentions(Http.json(ingested).getString("file_id"), 15),
        "so was the one of the upload through the ingester");
    // Redis is back with the restart: the ingester follows the snapshot through Redis again.
    awaitDiscoverySource("redis");
    // The write made without the database reached the cache: listed, WAL empty.
    String newToken = RunningSystem.adminToken();
    HttpResponse<String> listing =
        Http.get(edit + "/files?limit=1000", StorageApi.bearer(newToken));
    assertEquals(200, listing.statusCode(), listing.body());
    assertTrue(listing.body().contains(duringId), "file stored without the database is listed");
    assertEquals(
        0.0,
        StorageCrashIT.metric(
            RunningSystem.url("storage-edit"), "artstore_se_wal_pending_entries"));
    stopWithCtrlC(system);
  }

  private static void stopWithCtrlC(RunningSystem system) {
    List<ProcessHandle> started = system.processes();
    assertTrue(started.size() >= 7, "run, launcher, 5 servers, postgres...: " + started.size());
    system.interrupt();
    Set<String> left = RunningSystem.awaitGone(started, Duration.ofSeconds(120));
    assertEquals(Set.of(), left, "processes left after Ctrl-C; run output:\n" + system.runOutput());
    List<Integer> busy = new ArrayList<>();
    List<Integer> ports = new ArrayList<>(RunningSystem.PORTS.values());
    ports.add(RunningSystem.POSTGRES_PORT);
    ports.add(RunningSystem.REDIS_PORT);
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
      } catch (IOException e) {
        busy.add(port);
      }
    }
    assertEquals(List.of(), busy, "ports still in use after Ctrl-C");
  }

  private static String installationId() {
    JsonObject status =
        Http.json(Http.get(RunningSystem.url("admin") + "/api/v1/status", RunningSystem.asAdmin()));
    return status.getJsonObject("installation").getString("id");
  }

  static JsonObject readinessCheck(String server, String name) {
    JsonObject ready = Http.json(Http.get(RunningSystem.url(server) + "/health/ready"));
    Map<String, JsonObject> checks =
        ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
    return checks.get(name);
  }

  private static void awaitDiscoverySource(String expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String source = "";
    while (System.nanoTime() < deadline) {
      HttpResponse<String> status =
          Http.get(
              RunningSystem.url("ingester") + "/api/v1/status",
              StorageApi.bearer(RunningSystem.adminToken()));
      if (status.statusCode() == 200) {
        source = Http.json(status).getJsonObject("discovery").getString("source", "");
        if (source.equals(expected)) {
          return;
        }
      }
      RunningSystem.sleep(500);
    }
    throw new AssertionError("the ingester's discovery source is " + source + ", not " + expected);
  }

  private static void awaitStatus(String server, String expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = null;
    while (System.nanoTime() < deadline) {
      last =
          Http.json(Http.get(RunningSystem.url(server) + "/api/v1/status", RunningSystem.asAdmin()))
              .getString("status");
      if (expected.equals(last)) {
        return;
      }
      RunningSystem.sleep(500);
    }
    assertEquals(expected, last, server + " status");
  }

  private static void awaitReadiness(String server, int expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = Http.status(RunningSystem.url(server) + "/health/ready");
      if (last == expected) {
        return;
      }
      RunningSystem.sleep(500);
    }
    assertEquals(expected, last, server + " readiness");
  }
}
