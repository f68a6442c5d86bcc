package io.artstore.shared.api.problem;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RFC 9457 problem details, as every ArtStore service answers an error. {@code code} is the stable
 * identifier clients act on; {@code request_id} ties the answer to the service's log lines; {@code
 * errors} lists offending fields for validation failures and is omitted otherwise.
 */
@Schema(description = "RFC 9457 problem details")
public record Problem(
    @Schema(example = "https://artstore.io/problems/validation-error") String type,
    @Schema(example = "Validation failed") String title,
    @Schema(example = "400") int status,
    @Schema(example = "The request has invalid fields.") String detail,
    @Schema(example = "/api/v1/storage-elements/discover") String instance,
    @Schema(description = "Stable error code", example = "VALIDATION_ERROR") String code,
    @Schema(example = "0b7c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e") String requestId,
    @Schema(description = "The offending fields (validation errors only)")
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
