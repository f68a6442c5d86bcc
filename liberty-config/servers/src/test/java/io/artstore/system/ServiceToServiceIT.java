package io.artstore.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2.5: ingester and query call admin with their own service-account tokens. Runs after the
 * key rotations, so their cached tokens were signed with keys now past their grace: a call that
 * answers 401 is retried once with a fresh token.
 */
@Order(10)
class ServiceToServiceIT {

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  void tokensOfRetiredKeysAreRenewedOn401() {
    assertEquals("UP", ServicesHttpIT.dependencies("ingester").get("admin"));
    assertEquals("UP", ServicesHttpIT.dependencies("query").get("admin"));
  }

  /**
   * The secret is dynamic: a rotated secret written to the service's config directory is used at
   * once.
   */
  @Test
  void theIngestersSecretIsReadAgainWithoutRestart() throws Exception {
    Path dir = RunningSystem.get().dataDir.resolve("config").resolve("ingester");
    String clientId = Files.readString(dir.resolve("ARTSTORE_SERVICE_ACCOUNT_CLIENT_ID")).trim();
    Path secretFile = dir.resolve("ARTSTORE_SERVICE_ACCOUNT_CLIENT_SECRET");
    JsonObject account =
        Http.json(
                Http.get(
                    RunningSystem.url("admin") + "/api/v1/service-accounts?search=" + clientId,
                    RunningSystem.asAdmin()))
            .getJsonArray("items")
            .getJsonObject(0);
    String newSecret =
        Http.json(
                Http.post(
                    RunningSystem.url("admin")
                        + "/api/v1/service-accounts/"
                        + account.getString("id")
                        + "/rotate-secret",
                    "{}",
                    RunningSystem.asAdmin()))
            .getString("client_secret");

    // A wrong secret on disk: the ingester's next token request fails, admin shows DOWN.
    KeyRotationIT.replace(secretFile, "not-the-secret");
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(10),
        () -> "DOWN".equals(ServicesHttpIT.dependencies("ingester").get("admin")),
        "wrong secret used");
    // The rotated secret on disk: picked up without a restart.
    KeyRotationIT.replace(secretFile, newSecret);
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(10),
        () -> "UP".equals(ServicesHttpIT.dependencies("ingester").get("admin")),
        "new secret used");
  }
}
