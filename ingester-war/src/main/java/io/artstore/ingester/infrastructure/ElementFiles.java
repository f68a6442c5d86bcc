package io.artstore.ingester.infrastructure;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/** The element calls of the ingester besides the upload itself: read a file, withdraw one. */
public final class ElementFiles {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ElementFiles() {}

  /** An answer of the element: status and body. */
  public record Answer(int status, String body) {}

  /**
   * Withdraws an upload the client was never told about (SPEC §5.1 compensation): 204 when gone or
   * absent, 409 when it is older than the element's withdraw window.
   */
  public static Answer withdraw(String elementUrl, UUID fileId, String token) throws IOException {
    JsonHttp.Answer a =
        JsonHttp.send(
            "DELETE",
            JsonHttp.trim(elementUrl) + "/api/v1/gc/" + fileId + "?withdraw=true",
            "Bearer " + token,
            null,
            TIMEOUT);
    return new Answer(a.status(), a.body());
  }

  /** The element's attr.json of a file (200) or 404. */
  public static Answer get(String elementUrl, UUID fileId, String token) throws IOException {
    JsonHttp.Answer a =
        JsonHttp.send(
            "GET",
            JsonHttp.trim(elementUrl) + "/api/v1/files/" + fileId,
            "Bearer " + token,
            null,
            TIMEOUT);
    return new Answer(a.status(), a.body());
  }
}
