package io.artstore.shared.security;

import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.api.problem.ProblemResponses;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Liberty's MicroProfile JWT has verified the token's signature against this service's JWKS, but it
 * never forgets a key it once fetched (STACK.md). This filter, right after authentication, refuses
 * a token whose {@code kid} the reloaded key ring no longer accepts (retired past its grace period,
 * or removed), and a token that is not an access token.
 */
@Provider
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION + 1)
public class ActiveKeyFilter implements ContainerRequestFilter {
  @Inject KeyRingHolder keys;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
      return;
    }
    String kid = headerKid(token.getRawToken());
    if (!keys.ring().accepts(kid, Instant.now())) {
      request.abortWith(unauthorized("The token's signing key is not accepted (any more)."));
      return;
    }
    if (!TokenTypes.ACCESS.equals(token.getClaim(TokenTypes.CLAIM))) {
      request.abortWith(unauthorized("Only access tokens are accepted here."));
    }
  }

  static String headerKid(String rawToken) {
    try {
      String header = rawToken.substring(0, rawToken.indexOf('.'));
      String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
      try (JsonReader reader = Json.createReader(new StringReader(json))) {
        JsonObject object = reader.readObject();
        return object.containsKey("kid") ? object.getString("kid") : null;
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** 401 with the RFC 6750 challenge and the API's problem body. */
  public static Response unauthorized(String detail) {
    return ProblemResponses.build(
        ProblemCode.UNAUTHORIZED,
        401,
        detail,
        null,
        List.of(),
        Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"artstore\", error=\"invalid_token\""));
  }
}
