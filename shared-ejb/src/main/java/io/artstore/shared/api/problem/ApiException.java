package io.artstore.shared.api.problem;

import java.util.List;
import java.util.Map;

/**
 * A failure the API reports on purpose, with its stable code. Throw it from application code; the
 * {@link ApiExceptionMapper} turns it into problem+json. Its message is the detail shown to the
 * client, so it must never carry internals.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemCode code;
  private final int status;
  private final List<FieldViolation> violations;
  private final Map<String, String> headers;

  public ApiException(ProblemCode code, String detail) {
    this(code, code.defaultStatus(), detail, List.of(), Map.of());
  }

  public ApiException(
      ProblemCode code,
      int status,
      String detail,
      List<FieldViolation> violations,
      Map<String, String> headers) {
    super(detail);
    this.code = code;
    this.status = status;
    this.violations = List.copyOf(violations);
    this.headers = Map.copyOf(headers);
  }

  public static ApiException validation(List<FieldViolation> violations) {
    return new ApiException(
        ProblemCode.VALIDATION_ERROR, 400, "The request has invalid fields.", violations, Map.of());
  }

  public static ApiException validation(String field, String message) {
    return validation(List.of(new FieldViolation(field, message)));
  }

  public static ApiException notFound(String detail) {
    return new ApiException(ProblemCode.NOT_FOUND, detail);
  }

  public ProblemCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  public List<FieldViolation> violations() {
    return violations;
  }

  /** Extra response headers, e.g. {@code Retry-After} on a 503. */
  public Map<String, String> headers() {
    return headers;
  }
}
