package io.artstore.shared.api.problem;

import io.artstore.shared.api.request.RequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: anything not mapped otherwise is a bug or an outage. The client gets a 500 with the
 * request id and nothing else; the log gets the stack trace under the same request id.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable e) {
    return toResponse(e, uriInfo);
  }

  Response toResponse(Throwable e, UriInfo uriInfo) {
    LOG.log(Level.SEVERE, "Unexpected failure handling request " + RequestContext.currentId(), e);
    return ProblemResponses.build(
        ProblemCode.INTERNAL_ERROR,
        "The server failed to handle the request. Quote the request_id when reporting it.",
        uriInfo);
  }
}
