package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** CORS: only the configured origins, echoed (never *), preflights answered without a token. */
@Order(11)
class CorsIT {
  private static final String CONSOLE = "https://console.artstore.test";

  @Test
  void onlyAllowListedOriginsGetCorsHeaders() throws Exception {
    Path setting =
        RunningSystem.get().dataDir.resolve("config").resolve("ARTSTORE_CORS_ALLOWED_ORIGINS");
    KeyRotationIT.replace(setting, CONSOLE + ", https://other.artstore.test");
    try {
      Thread.sleep(2500); // the dynamic setting's cache
      for (String server : RunningSystem.PORTS.keySet()) {
        String url =
            RunningSystem.url(server)
                + (server.startsWith("storage") ? "/api/v1/info" : "/api/v1/status");
        HttpResponse<String> preflight =
            Http.method(
                "OPTIONS",
                url,
                null,
                Map.of(
                    "Origin",
                    CONSOLE,
                    "Access-Control-Request-Method",
                    "GET",
                    "Access-Control-Request-Headers",
                    "authorization"));
        assertEquals(204, preflight.statusCode(), server);
        assertEquals(
            CONSOLE, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(
            preflight
                .headers()
                .firstValue("Access-Control-Allow-Headers")
                .orElse("")
                .contains("Authorization"));

        Map<String, String> headers = new HashMap<>(RunningSystem.asAdmin());
        headers.put("Origin", CONSOLE);
        HttpResponse<String> actual = Http.get(url, headers);
        assertEquals(200, actual.statusCode());
        assertEquals(
            CONSOLE, actual.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals(
            "true", actual.headers().firstValue("Access-Control-Allow-Credentials").orElse(""));
        assertTrue(
            actual
                .headers()
                .firstValue("Access-Control-Expose-Headers")
                .orElse("")
                .contains("X-Request-Id"));

        headers.put("Origin", "https://evil.example");
        assertTrue(
            Http.get(url, headers).headers().firstValue("Access-Control-Allow-Origin").isEmpty(),
            server);
        assertEquals(
            403,
            Http.method(
                    "OPTIONS",
                    url,
                    null,
                    Map.of(
                        "Origin", "https://evil.example", "Access-Control-Request-Method", "GET"))
                .statusCode());
      }
    } finally {
      Files.delete(setting);
    }
  }
}
