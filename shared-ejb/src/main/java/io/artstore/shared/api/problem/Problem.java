package io.artstore.shared.api.problem;

import java.util.List;

/**
 * RFC 9457 problem details, as every ArtStore service answers an error. {@code code} is the stable
 * identifier clients act on; {@code request_id} ties the answer to the service's log lines; {@code
 * errors} lists offending fields for validation failures and is omitted otherwise.
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    String requestId,
    List<FieldViolation> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** Problem types are documented under this base; the code makes each type unique. */
  public static final String TYPE_BASE = "https://artstore.io/problems/";

  public static Problem of(
      ProblemCode code,
      int status,
      String detail,
      String instance,
      String requestId,
      List<FieldViolation> errors) {
    return new Problem(
        TYPE_BASE + code.name().toLowerCase().replace('_', '-'),
        code.title(),
        status,
        detail,
        instance,
        code.name(),
        requestId,
        errors == null || errors.isEmpty() ? null : List.copyOf(errors));
  }
}
