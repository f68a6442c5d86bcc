package io.artstore.shared.ratelimit;

import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.api.problem.ProblemResponses;
import io.artstore.shared.config.DynamicConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Rate limiting per principal (SPEC §2.5): the token's {@code rate_limit} claim (a service
 * account's own limit) or {@code ARTSTORE_RATE_LIMIT_DEFAULT} (dynamic, default 100 per minute),
 * with a burst of {@code ARTSTORE_RATE_LIMIT_BURST_FACTOR} × the rate (default 1.5). Every
 * authenticated answer carries {@code X-RateLimit-Limit/Remaining/Reset}; a refusal is 429 with
 * {@code Retry-After}. Unauthenticated requests (health, metrics, the token endpoint) are not
 * counted. {@code ARTSTORE_RATE_LIMIT_ENABLED=false} (dynamic) switches limiting off.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 2)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String OUTCOME = RateLimitFilter.class.getName() + ".outcome";

  @Inject RateLimiter limiter;
  @Inject DynamicConfig dynamic;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)
        || !Boolean.parseBoolean(dynamic.get("artstore.rate-limit.enabled", "true"))) {
      return;
    }
    int rate = rateOf(token);
    int burst =
        Gcra.burstFor(
            rate, Double.parseDouble(dynamic.get("artstore.rate-limit.burst-factor", "1.5")));
    RateLimiter.Outcome outcome = limiter.check(token.getName(), rate, burst);
    request.setProperty(OUTCOME, outcome);
    if (!outcome.allowed()) {
      request.abortWith(
          ProblemResponses.build(
              ProblemCode.RATE_LIMITED,
              429,
              "Rate limit of "
                  + rate
                  + " requests per minute exceeded; retry after "
                  + outcome.retryAfterSeconds()
                  + " s.",
              request.getUriInfo(),
              List.of(),
              Map.of("Retry-After", Long.toString(outcome.retryAfterSeconds()))));
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(OUTCOME) instanceof RateLimiter.Outcome outcome) {
      response.getHeaders().putSingle("X-RateLimit-Limit", outcome.limit());
      response.getHeaders().putSingle("X-RateLimit-Remaining", outcome.remaining());
      response.getHeaders().putSingle("X-RateLimit-Reset", outcome.resetSeconds());
    }
  }

  private int rateOf(JsonWebToken token) {
    Object claim = token.getClaim("rate_limit");
    if (claim != null) {
      try {
        int rate = Integer.parseInt(claim.toString().replace("\"", ""));
        if (rate > 0) {
          return rate;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the default
      }
    }
    return dynamic.getInt("artstore.rate-limit.default", 100);
  }
}
