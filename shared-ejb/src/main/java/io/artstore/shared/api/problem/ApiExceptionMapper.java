package io.artstore.shared.api.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(ApiException e) {
    return ProblemResponses.build(
        e.code(), e.status(), e.getMessage(), uriInfo, e.violations(), e.headers());
  }
}
