package io.artstore.shared.api.cors;

import io.artstore.shared.config.DynamicConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS with an explicit allow-list (SPEC §2.5): {@code ARTSTORE_CORS_ALLOWED_ORIGINS}, dynamic,
 * comma-separated exact origins ({@code https://console.example.com}); empty (the default) allows
 * no cross-origin browser access. An allowed origin is echoed, never {@code *}, so credentials (the
 * Authorization header) may be sent. Preflights are answered before authentication.
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION - 600)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
  static final String ALLOWED_HEADERS =
      "Authorization, Content-Type, X-Request-Id, If-Match, If-None-Match, If-Range, Range,"
          + " Content-Digest, Repr-Digest, Tus-Resumable, Upload-Length, Upload-Offset, Upload-Metadata";
  static final String EXPOSED_HEADERS =
      "X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After,"
          + " Location, ETag, Last-Modified, Content-Disposition, Content-Range, Accept-Ranges,"
          + " WWW-Authenticate, Upload-Offset, Upload-Length, Tus-Resumable";

  @Inject DynamicConfig config;

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if (HttpMethod.OPTIONS.equals(request.getMethod())
        && origin != null
        && request.getHeaderString("Access-Control-Request-Method") != null) {
      if (!allowed(origin)) {
        request.abortWith(Response.status(Response.Status.FORBIDDEN).build());
        return;
      }
      request.abortWith(
          Response.noContent()
              .header("Access-Control-Allow-Origin", origin)
              .header("Access-Control-Allow-Credentials", "true")
              .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
              .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
              .header("Access-Control-Max-Age", "600")
              .header("Vary", "Origin")
              .build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    String origin = request.getHeaderString("Origin");
    MultivaluedMap<String, Object> headers = response.getHeaders();
    if (origin == null || headers.containsKey("Access-Control-Allow-Origin") || !allowed(origin)) {
      return;
    }
    headers.putSingle("Access-Control-Allow-Origin", origin);
    headers.putSingle("Access-Control-Allow-Credentials", "true");
    headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
    headers.add("Vary", "Origin");
  }

  private boolean allowed(String origin) {
    Set<String> origins =
        Arrays.stream(config.get("artstore.cors.allowed-origins", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty() && !s.equals("*"))
            .collect(Collectors.toSet());
    return origins.contains(origin);
  }
}
