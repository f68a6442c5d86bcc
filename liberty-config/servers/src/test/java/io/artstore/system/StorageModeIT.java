package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Mode transitions by API on the running elements. Leaves {@code se-rw-1} in mode {@code ro}:
 * {@link LifecycleIT} checks that the mode survives a restart.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageModeIT {
  private static final String EDIT = RunningSystem.url("storage-edit") + "/api/v1/mode/transition";
  private static final String RW = RunningSystem.url("storage-rw") + "/api/v1/mode/transition";

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  @Order(1)
  void unknownTargetModeIsAValidationError() {
    HttpResponse<String> response =
        Http.post(EDIT, "{\"target_mode\":\"frozen\"}", RunningSystem.asAdmin());
    assertEquals(400, response.statusCode());
    assertProblem(response, 400, "VALIDATION_ERROR");
    assertEquals(
        "target_mode",
        Http.json(response).getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  @Order(2)
  void editCannotChangeByApi() {
    for (String target : new String[] {"rw", "ro", "ar", "edit"}) {
      HttpResponse<String> response =
          Http.post(EDIT, "{\"target_mode\":\"" + target + "\"}", RunningSystem.asAdmin());
      assertEquals(409, response.statusCode(), target);
      assertProblem(response, 409, "INVALID_TRANSITION");
    }
    assertEquals("edit", info("storage-edit").getString("mode"));
  }

  @Test
  @Order(3)
  void rwCannotSkipToArchive() {
    HttpResponse<String> response =
        Http.post(RW, "{\"target_mode\":\"ar\"}", RunningSystem.asAdmin());
    assertEquals(409, response.statusCode());
    assertProblem(response, 409, "INVALID_TRANSITION");
  }

  @Test
  @Order(4)
  void rwMovesToReadOnlyAndNeverBack() {
    HttpResponse<String> response =
        Http.post(RW, "{\"target_mode\":\"ro\"}", RunningSystem.asAdmin());
    assertEquals(200, response.statusCode(), response.body());
    JsonObject transition = Http.json(response);
    assertEquals("rw", transition.getString("previous_mode"));
    assertEquals("ro", transition.getString("mode"));
    JsonObject info = info("storage-rw");
    assertEquals("ro", info.getString("mode"));
    assertEquals(2, info.getJsonArray("allowed_operations").size(), info.toString());

    HttpResponse<String> back = Http.post(RW, "{\"target_mode\":\"rw\"}", RunningSystem.asAdmin());
    assertEquals(409, back.statusCode());
    assertProblem(back, 409, "INVALID_TRANSITION");
  }

  static JsonObject info(String server) {
    return Http.json(Http.get(RunningSystem.url(server) + "/api/v1/info"));
  }
}
