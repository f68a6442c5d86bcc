package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What every one of the five servers must do on its own port. */
@Order(1)
class ServicesHttpIT {

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "storage-edit", "storage-rw", "ingester", "query"})
  void healthEndpointsAnswerInMicroProfileFormat(String server) {
    for (String probe : new String[] {"live", "ready", "started"}) {
      HttpResponse<String> response = Http.get(RunningSystem.url(server) + "/health/" + probe);
      assertEquals(
          200, response.statusCode(), server + " /health/" + probe + ": " + response.body());
      assertEquals("UP", Http.json(response).getString("status"));
    }
    JsonObject ready = Http.json(Http.get(RunningSystem.url(server) + "/health/ready"));
    Set<String> checks =
        ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .map(c -> c.getString("name"))
            .collect(Collectors.toSet());
    assertTrue(checks.containsAll(Set.of("database", "redis")), server + " checks: " + checks);
    if (server.startsWith("storage")) {
      assertTrue(checks.contains("storage"), server + " checks: " + checks);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "storage-edit", "storage-rw", "ingester", "query"})
  void metricsAreOpenPrometheusText(String server) {
    HttpResponse<String> response = Http.get(RunningSystem.url(server) + "/metrics");
    assertEquals(200, response.statusCode(), server + ": " + response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        "Prometheus text format");
    assertTrue(response.body().contains("# TYPE"), "Prometheus exposition");
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "storage-edit", "storage-rw", "ingester", "query"})
  void openApiDescribesThisServiceOnItsOwnPort(String server) {
    HttpResponse<String> document = Http.get(RunningSystem.url(server) + "/openapi");
    assertEquals(200, document.statusCode());
    String title =
        "title: ArtStore " + (server.startsWith("storage") ? "storage element" : server) + " API";
    assertTrue(document.body().contains(title), server + " document: " + document.body());
    assertTrue(document.body().contains("http://localhost:" + RunningSystem.PORTS.get(server)));
    assertEquals(200, Http.get(RunningSystem.url(server) + "/openapi/ui/").statusCode());
  }

  @ParameterizedTest
  @CsvSource({
    "admin,api_url",
    "admin,request_id",
    "storage-edit,target_mode",
    "storage-edit,allowed_operations",
    "ingester,uptime_seconds",
    "query,latency_ms"
  })
  void openApiSchemasNamePropertiesAsTheJsonDoes(String server, String property) {
    String document = Http.get(RunningSystem.url(server) + "/openapi").body();
    assertTrue(document.contains("        " + property + ":"), server + " lacks " + property);
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "storage-edit", "storage-rw", "ingester", "query"})
  void unknownPathIsProblemJson404WithTheRequestId(String server) {
    String requestId = "it-404-" + UUID.randomUUID();
    HttpResponse<String> response =
        Http.get(
            RunningSystem.url(server) + "/api/v1/no-such-thing", Map.of("X-Request-Id", requestId));
    assertEquals(404, response.statusCode());
    assertProblem(response, 404, "NOT_FOUND");
    JsonObject problem = Http.json(response);
    assertEquals(requestId, problem.getString("request_id"));
    assertEquals(requestId, response.headers().firstValue("X-Request-Id").orElseThrow());
    assertEquals("/api/v1/no-such-thing", problem.getString("instance"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "storage-edit", "storage-rw", "ingester", "query"})
  void wrongMethodIsProblemJson405(String server) {
    String path = server.startsWith("storage") ? "/api/v1/info" : "/api/v1/status";
    HttpResponse<String> response =
        Http.method("DELETE", RunningSystem.url(server) + path, null, RunningSystem.asAdmin());
    assertEquals(405, response.statusCode());
    assertProblem(response, 405, "METHOD_NOT_ALLOWED");
    assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "storage-edit", "storage-rw", "ingester", "query"})
  void requestIdIsEchoedGeneratedOrReplaced(String server) {
    String path =
        RunningSystem.url(server)
            + (server.startsWith("storage") ? "/api/v1/info" : "/api/v1/status");
    String auth = "Bearer " + RunningSystem.adminToken();
    assertEquals(
        "client-chosen-1",
        Http.get(path, Map.of("X-Request-Id", "client-chosen-1", "Authorization", auth))
            .headers()
            .firstValue("X-Request-Id")
            .orElseThrow());
    String generated =
        Http.get(path, Map.of("Authorization", auth))
            .headers()
            .firstValue("X-Request-Id")
            .orElseThrow();
    UUID.fromString(generated);
    String replaced =
        Http.get(path, Map.of("X-Request-Id", "bad id with spaces", "Authorization", auth))
            .headers()
            .firstValue("X-Request-Id")
            .orElseThrow();
    assertNotEquals("bad id with spaces", replaced);
    UUID.fromString(replaced);
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "ingester", "query"})
  void statusReportsVersionAndDependencies(String server) throws Exception {
    // ingester and query call admin with their own service accounts, which the run provisions
    // right after start-up: wait for that, then every dependency is UP.
    // query also follows admin's event feed into its search index.
    Map<String, String> expected =
        switch (server) {
          case "admin" -> Map.of("database", "UP", "redis", "UP");
          case "query" ->
              Map.of("database", "UP", "redis", "UP", "admin", "UP", "search-index", "UP");
          default -> Map.of("database", "UP", "redis", "UP", "admin", "UP");
        };
    KeyRotationIT.awaitTrue(
        java.time.Duration.ofSeconds(20),
        () -> dependencies(server).equals(expected),
        server + " dependencies " + expected);
    HttpResponse<String> response =
        Http.get(RunningSystem.url(server) + "/api/v1/status", RunningSystem.asAdmin());
    assertEquals(200, response.statusCode(), response.body());
    JsonObject status = Http.json(response);
    assertEquals(server, status.getString("service"));
    assertEquals("UP", status.getString("status"), response.body());
    assertNotNull(status.getString("version"));
    assertNotNull(status.getString("started_at"));
    if (server.equals("admin")) {
      UUID.fromString(status.getJsonObject("installation").getString("id"));
    } else {
      assertTrue(
          !status.containsKey("installation") || status.get("installation") == JsonValue.NULL);
    }
  }

  static Map<String, String> dependencies(String server) {
    JsonObject status =
        Http.json(Http.get(RunningSystem.url(server) + "/api/v1/status", RunningSystem.asAdmin()));
    return status.getJsonArray("dependencies").getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(d -> d.getString("name"), d -> d.getString("status")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"storage-edit", "storage-rw"})
  void elementInfoDescribesTheElement(String server) {
    HttpResponse<String> response = Http.get(RunningSystem.url(server) + "/api/v1/info");
    assertEquals(200, response.statusCode(), response.body());
    JsonObject info = Http.json(response);
    boolean edit = server.equals("storage-edit");
    assertEquals(edit ? "se-edit-1" : "se-rw-1", info.getString("element_id"));
    assertEquals("local", info.getString("storage_type"));
    assertEquals("online", info.getString("status"));
    assertEquals(0, info.getJsonNumber("file_count").longValue());
    JsonObject capacity = info.getJsonObject("capacity");
    long total = capacity.getJsonNumber("total_bytes").longValue();
    long used = capacity.getJsonNumber("used_bytes").longValue();
    long available = capacity.getJsonNumber("available_bytes").longValue();
    assertTrue(total > 0 && used >= 0 && available == total - used, capacity.toString());
    if (edit) {
      assertEquals("edit", info.getString("mode"));
      assertEquals(30, info.getInt("retention_days"));
      assertEquals(
          Set.of("upload", "read", "download", "update_metadata", "delete"),
          info
              .getJsonArray("allowed_operations")
              .getValuesAs(jakarta.json.JsonString.class)
              .stream()
              .map(jakarta.json.JsonString::getString)
              .collect(Collectors.toSet()));
    }
  }

  static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertEquals(
        "application/problem+json",
        response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonObject problem = Http.json(response);
    assertEquals(status, problem.getInt("status"));
    assertEquals(code, problem.getString("code"));
    assertTrue(problem.getString("type").startsWith("https://artstore.io/problems/"));
    assertNotNull(problem.getString("title"));
    assertNotNull(problem.getString("detail"));
    assertNotNull(problem.getString("request_id"));
    String body = response.body();
    assertTrue(!body.contains("Exception") && !body.contains("\tat "), "no internals: " + body);
  }
}
