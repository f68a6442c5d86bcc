package io.artstore.shared.api.problem;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Errors raised by the JAX-RS runtime itself (no such resource, wrong method, unsupported media
 * type, unreadable body) in the same problem+json shape as the application's own. The runtime's
 * exception texts name internal classes, so the detail is a fixed sentence per status.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  private static final Logger LOG = Logger.getLogger(WebApplicationExceptionMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(WebApplicationException e) {
    int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
    if (status >= 500) {
      LOG.log(Level.SEVERE, "Request failed inside the JAX-RS runtime", e);
    } else {
      LOG.log(Level.FINE, "Request refused by the JAX-RS runtime", e);
    }
    ProblemCode code = ProblemCode.forStatus(status);
    Map<String, String> headers = new HashMap<>();
    if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
      headers.put(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
    }
    return ProblemResponses.build(code, status, detailFor(e, status), uriInfo, List.of(), headers);
  }

  private static String detailFor(WebApplicationException e, int status) {
    if (e instanceof NotFoundException) {
      return "No resource exists at this path.";
    }
    return switch (status) {
      case 400 -> "The request could not be read: check its syntax and parameters.";
      case 404 -> "The requested resource does not exist.";
      case 405 -> "This resource does not support the request method.";
      case 406 -> "No representation of this resource matches the Accept header.";
      case 415 -> "This resource does not accept the request's content type.";
      default -> status >= 500 ? "The server failed to handle the request." : "Request refused.";
    };
  }
}
