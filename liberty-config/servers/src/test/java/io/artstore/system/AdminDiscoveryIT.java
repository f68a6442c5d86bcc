package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Admin previews a storage element over HTTP: a real call from one server to another. */
@Order(2)
class AdminDiscoveryIT {
  private static final String DISCOVER =
      RunningSystem.url("admin") + "/api/v1/storage-elements/discover";

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  void previewsARunningElementAndPropagatesTheRequestId() throws Exception {
    String requestId = "it-discover-" + UUID.randomUUID();
    HttpResponse<String> response =
        Http.post(
            DISCOVER,
            "{\"api_url\":\"http://localhost:8010/\"}",
            withAdmin(Map.of("X-Request-Id", requestId)));
    assertEquals(200, response.statusCode(), response.body());
    JsonObject preview = Http.json(response);
    assertEquals("http://localhost:8010", preview.getString("api_url"), "normalised URL");
    JsonObject element = preview.getJsonObject("element");
    assertEquals("se-edit-1", element.getString("element_id"));
    assertEquals("edit", element.getString("mode"));

    // The element received the call under the caller's request id (its access log).
    java.nio.file.Path accessLog =
        RunningSystem.get().serverLog("storage-edit").resolveSibling("http_access.log");
    String[] line = new String[1];
    KeyRotationIT.awaitTrue(
        java.time.Duration.ofSeconds(10),
        () ->
            Files.exists(accessLog)
                && Files.readAllLines(accessLog).stream()
                    .anyMatch(l -> l.endsWith(" " + requestId) && l.contains("GET /api/v1/info")),
        "storage-edit's access log names request id " + requestId);
  }

  static Map<String, String> withAdmin(Map<String, String> headers) {
    Map<String, String> all = new java.util.HashMap<>(headers);
    all.putAll(RunningSystem.asAdmin());
    return all;
  }

  @Test
  void missingUrlIsAValidationErrorNamingTheField() {
    HttpResponse<String> response = Http.post(DISCOVER, "{}", RunningSystem.asAdmin());
    assertEquals(400, response.statusCode());
    assertProblem(response, 400, "VALIDATION_ERROR");
    JsonObject error = Http.json(response).getJsonArray("errors").getJsonObject(0);
    assertEquals("api_url", error.getString("field"));
  }

  @Test
  void nonHttpUrlIsRefused() {
    HttpResponse<String> response =
        Http.post(DISCOVER, "{\"api_url\":\"file:///etc/passwd\"}", RunningSystem.asAdmin());
    assertEquals(400, response.statusCode());
    assertProblem(response, 400, "VALIDATION_ERROR");
  }

  @Test
  void malformedJsonIsABadRequest() {
    HttpResponse<String> response = Http.post(DISCOVER, "{\"api_url\": ", RunningSystem.asAdmin());
    assertEquals(400, response.statusCode(), response.body());
    assertProblem(response, 400, "BAD_REQUEST");
  }

  @Test
  void wrongContentTypeIs415() {
    HttpResponse<String> response =
        Http.post(DISCOVER, "api_url=x", withAdmin(Map.of("Content-Type", "text/plain")));
    assertEquals(415, response.statusCode(), response.body());
    assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void unreachableElementIs502() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpResponse<String> response =
        Http.post(
            DISCOVER,
            "{\"api_url\":\"http://127.0.0.1:" + closedPort + "\"}",
            RunningSystem.asAdmin());
    assertEquals(502, response.statusCode(), response.body());
    assertProblem(response, 502, "SE_UNAVAILABLE");
  }

  @Test
  void aServiceThatIsNotAnElementIs502() {
    HttpResponse<String> response =
        Http.post(DISCOVER, "{\"api_url\":\"http://localhost:8020\"}", RunningSystem.asAdmin());
    assertEquals(502, response.statusCode(), response.body());
    assertProblem(response, 502, "SE_UNAVAILABLE");
  }
}
