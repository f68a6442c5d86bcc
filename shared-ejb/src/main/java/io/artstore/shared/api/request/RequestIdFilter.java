package io.artstore.shared.api.request;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Accepts or generates the request id before anything else runs (so even authentication failures
 * and 404s carry it) and echoes it on the response; every log line of the request carries it
 * ({@code ext_requestId}), and Liberty's access log ({@code http_access.log}) records it for every
 * request. The filter's own per-request line is FINE: at INFO it cost a third of the token
 * endpoint's throughput (docs/BENCHMARKS.md); enable it with {@code io.artstore.access=fine}.
 *
 * <p>It runs before authentication ({@link Priorities#AUTHENTICATION} is 1000); adding MicroProfile
 * JWT later changes nothing here.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 500)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final Logger ACCESS = Logger.getLogger("io.artstore.access");
  private static final String STARTED_AT = RequestIdFilter.class.getName() + ".startedAt";
  private static final String REQUEST_ID = RequestIdFilter.class.getName() + ".requestId";

  @Override
  public void filter(ContainerRequestContext request) {
    String requestId = RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
    request.setProperty(STARTED_AT, System.nanoTime());
    request.setProperty(REQUEST_ID, requestId);
    RequestContext.set(requestId);
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object requestId = request.getProperty(REQUEST_ID);
    if (requestId == null) {
      // The request never passed the request filter (rejected before matching); still answer
      // with an id the client can quote.
      requestId = RequestIds.generate();
    }
    response.getHeaders().putSingle(RequestIds.HEADER, requestId);
    if (ACCESS.isLoggable(Level.FINE)) {
      Object startedAt = request.getProperty(STARTED_AT);
      long micros = startedAt instanceof Long start ? (System.nanoTime() - start) / 1_000 : -1;
      ACCESS.fine(
          String.format(
              "%s %s %d %d.%03dms request_id=%s",
              request.getMethod(),
              request.getUriInfo().getRequestUri().getRawPath(),
              response.getStatus(),
              micros / 1000,
              micros % 1000,
              requestId));
    }
    RequestContext.clear();
  }
}
