package io.artstore.shared.api.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Bean Validation failures on resource parameters and bodies: 400 listing every field. */
@Provider
public class ConstraintViolationExceptionMapper
    implements ExceptionMapper<ConstraintViolationException> {
  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ConstraintViolationException e) {
    List<FieldViolation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldViolation::field))
            .toList();
    return ProblemResponses.build(
        ProblemCode.VALIDATION_ERROR,
        400,
        "The request has invalid fields.",
        uriInfo,
        violations,
        Map.of());
  }

  /**
   * The last node of the property path is the client-facing name (for a method parameter the path
   * is {@code method.arg0.field}; the client only knows {@code field}). Names are converted to the
   * API's snake_case.
   */
  static String fieldName(ConstraintViolation<?> violation) {
    String last = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getName() != null) {
        last = node.getName();
      }
    }
    return last == null ? "request" : SnakeCase.of(last);
  }
}
