package io.artstore.admin.application.registry;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An element's answer to a call admin forwards on a caller's behalf, as admin's own problem: the
 * client errors the caller caused (its role, the file's mode, retention, a stale If-Match) keep the
 * element's status, code and detail; anything else means the element failed: 502 SE_UNAVAILABLE.
 */
public final class ElementRefusals {
  /** The statuses that are the caller's business, relayed as they are. */
  public static final Set<Integer> RELAYED = Set.of(400, 403, 404, 409, 412);

  private ElementRefusals() {}

  public static ApiException of(int status, String body, String fallbackDetail, String element) {
    if (!RELAYED.contains(status)) {
      return new ApiException(
          ProblemCode.SE_UNAVAILABLE,
          502,
          element + " answered HTTP " + status + "; nothing was changed.",
          List.of(),
          Map.of());
    }
    ProblemCode code = ProblemCode.forStatus(status);
    String detail = fallbackDetail;
    JsonObject problem = parse(body);
    if (problem != null) {
      detail = problem.getString("detail", problem.getString("title", fallbackDetail));
      try {
        code = ProblemCode.valueOf(problem.getString("code", code.name()));
      } catch (RuntimeException e) {
        // an unknown code keeps the status's
      }
    }
    return new ApiException(code, status, detail, List.of(), Map.of());
  }

  static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
