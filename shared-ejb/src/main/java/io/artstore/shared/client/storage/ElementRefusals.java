package io.artstore.shared.client.storage;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An element's answer to a call made on a caller's behalf (admin's registry and mode forwards, the
 * ingester's uploads), as the calling service's own problem: the client errors the caller caused
 * (its input and field errors, its role, the file's mode, retention, a stale If-Match, a file too
 * large) keep the element's status, code, detail and fields; anything else means the element
 * failed: 502 SE_UNAVAILABLE.
 */
public final class ElementRefusals {
  /** The statuses that are the caller's business, relayed as they are. */
  public static final Set<Integer> RELAYED = Set.of(400, 403, 404, 409, 412, 413);

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
    List<FieldViolation> violations = new ArrayList<>();
    JsonObject problem = parse(body);
    if (problem != null) {
      if (problem.get("errors") instanceof JsonArray errors) {
        for (JsonValue error : errors) {
          if (error instanceof JsonObject e) {
            violations.add(
                new FieldViolation(e.getString("field", ""), e.getString("message", "")));
          }
        }
      }
      detail = problem.getString("detail", problem.getString("title", fallbackDetail));
      try {
        code = ProblemCode.valueOf(problem.getString("code", code.name()));
      } catch (RuntimeException e) {
        // an unknown code keeps the status's
      }
    }
    return new ApiException(code, status, detail, violations, Map.of());
  }

  /** The problem+json object of an answer, or null when it is none. */
  public static JsonObject parse(String body) {
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
