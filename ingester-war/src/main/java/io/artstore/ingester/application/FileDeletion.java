package io.artstore.ingester.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.admin.AdminFiles;
import io.artstore.shared.client.storage.ElementRefusals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A delete through the ingester (SPEC §5.3). Admin's registry applies it on the file's element
 * first with the caller's own credentials — so the element's rules decide (edit mode, owner or
 * ADMIN, retention) — and records it with its event in the same transaction; the search index
 * follows that event. One path for every delete, so the registry and the element never disagree.
 */
@ApplicationScoped
public class FileDeletion {
  @Inject AdminFiles admin;

  public void delete(String id, String callerAuthorization) {
    UUID fileId;
    try {
      fileId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No file " + id + ".");
    }
    AdminFiles.Answer answer;
    try {
      answer = admin.delete(fileId, callerAuthorization);
    } catch (IOException e) {
      throw new ApiException(
          ProblemCode.SERVICE_UNAVAILABLE,
          503,
          "The file registry is unreachable; nothing was changed.",
          List.of(),
          Map.of("Retry-After", "30"));
    }
    int status = answer.status();
    if (status == 204 || status == 200) {
      return;
    }
    if (status == 502) {
      throw new ApiException(
          ProblemCode.SE_UNAVAILABLE,
          502,
          "The file's storage element failed; nothing was changed.",
          List.of(),
          Map.of());
    }
    if (status == 401) {
      throw new ApiException(ProblemCode.UNAUTHORIZED, "The token was not accepted.");
    }
    if (ElementRefusals.RELAYED.contains(status)) {
      throw ElementRefusals.of(status, answer.body(), "The delete was refused.", "admin");
    }
    throw new ApiException(
        ProblemCode.SERVICE_UNAVAILABLE,
        503,
        "The file registry answered HTTP " + status + "; nothing was changed.",
        List.of(),
        Map.of("Retry-After", "30"));
  }
}
