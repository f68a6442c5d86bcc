package io.artstore.shared.api.problem;

import io.artstore.shared.api.request.RequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * Builds problem+json responses; the one place that fills {@code request_id} and {@code instance}.
 */
public final class ProblemResponses {
  private ProblemResponses() {}

  public static Response build(
      ProblemCode code,
      int status,
      String detail,
      UriInfo uriInfo,
      List<FieldViolation> violations,
      Map<String, String> headers) {
    String instance = uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    Problem problem =
        Problem.of(code, status, detail, instance, RequestContext.currentId(), violations);
    Response.ResponseBuilder builder =
        Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
    headers.forEach(builder::header);
    return builder.build();
  }

  public static Response build(ProblemCode code, String detail, UriInfo uriInfo) {
    return build(code, code.defaultStatus(), detail, uriInfo, List.of(), Map.of());
  }
}
