package io.artstore.ingester.infrastructure;

import io.artstore.shared.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

/** Admin's file registry (SPEC §4) as the ingester uses it. */
@ApplicationScoped
public class AdminFiles {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Inject ServiceTokens tokens;

  /** An answer of admin: status and body. */
  public record Answer(int status, String body) {}

  /** Registers a stored file: the element's attr.json answer as it came. 201/200 = registered. */
  public Answer register(String storedFileJson) throws IOException {
    return call("POST", "/api/v1/files", bearer(), storedFileJson);
  }

  /** The registry's record of a file (200) or 404. */
  public Answer get(UUID fileId) throws IOException {
    return call("GET", "/api/v1/files/" + fileId, bearer(), null);
  }

  /**
   * Deletes a file through admin, which applies it on the element first with the same credentials:
   * the caller's own {@code Authorization}, so the element judges owner and role itself.
   */
  public Answer delete(UUID fileId, String callerAuthorization) throws IOException {
    return call("DELETE", "/api/v1/files/" + fileId, callerAuthorization, null);
  }

  private Answer call(String method, String path, String authorization, String body)
      throws IOException {
    JsonHttp.Answer a =
        JsonHttp.send(
            method, JsonHttp.trim(tokens.adminUrl()) + path, authorization, body, TIMEOUT);
    return new Answer(a.status(), a.body());
  }

  private String bearer() throws IOException {
    try {
      return "Bearer " + tokens.token();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while fetching the service token", e);
    }
  }
}
