package io.artstore.shared.api.request;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;

/**
 * Propagates the current request id to downstream services. Registered on every MicroProfile Rest
 * Client by {@link RequestIdRestClientListener}; register it on plain JAX-RS clients by hand.
 */
public class RequestIdClientFilter implements ClientRequestFilter {
  @Override
  public void filter(ClientRequestContext request) {
    String requestId = RequestContext.currentId();
    if (requestId != null && !request.getHeaders().containsKey(RequestIds.HEADER)) {
      request.getHeaders().putSingle(RequestIds.HEADER, requestId);
    }
  }
}
