package io.artstore.shared.api.problem;

/**
 * Stable, machine-readable error codes (SPEC §1). Clients switch on these, never on titles or
 * detail texts, so a code once published is never renamed.
 */
public enum ProblemCode {
  VALIDATION_ERROR(400, "Validation failed"),
  BAD_REQUEST(400, "Bad request"),
  /** The SHA-256 the client sent does not match the bytes received; nothing was stored. */
  CHECKSUM_MISMATCH(400, "Checksum mismatch"),
  UNAUTHORIZED(401, "Unauthorized"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  NOT_ACCEPTABLE(406, "Not acceptable"),
  CONFLICT(409, "Conflict"),
  MODE_NOT_ALLOWED(409, "Operation not allowed in the element's mode"),
  INVALID_TRANSITION(409, "Mode transition not allowed"),
  RETENTION_LOCKED(409, "Retention forbids this operation"),
  PRECONDITION_FAILED(412, "Precondition failed"),
  FILE_TOO_LARGE(413, "File too large"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  RANGE_NOT_SATISFIABLE(416, "Range not satisfiable"),
  LOCKED(423, "Locked"),
  RATE_LIMITED(429, "Too many requests"),
  INTERNAL_ERROR(500, "Internal error"),
  SE_UNAVAILABLE(502, "Storage element unavailable"),
  SERVICE_UNAVAILABLE(503, "Service unavailable"),
  NO_STORAGE_AVAILABLE(503, "No storage element available"),
  STORAGE_FULL(507, "Storage full");

  private final int defaultStatus;
  private final String title;

  ProblemCode(int defaultStatus, String title) {
    this.defaultStatus = defaultStatus;
    this.title = title;
  }

  public int defaultStatus() {
    return defaultStatus;
  }

  public String title() {
    return title;
  }

  /** The code a bare HTTP status maps to when no more specific code is known. */
  public static ProblemCode forStatus(int status) {
    return switch (status) {
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 413 -> FILE_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 416 -> RANGE_NOT_SATISFIABLE;
      case 423 -> LOCKED;
      case 429 -> RATE_LIMITED;
      case 502 -> SE_UNAVAILABLE;
      case 503 -> SERVICE_UNAVAILABLE;
      case 507 -> STORAGE_FULL;
      default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    };
  }
}
