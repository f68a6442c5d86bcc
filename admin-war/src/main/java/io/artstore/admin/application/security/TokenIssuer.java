package io.artstore.admin.application.security;

import io.artstore.admin.infrastructure.security.JwtSigner;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.KeyRing;
import io.artstore.shared.security.KeyRingHolder;
import io.artstore.shared.security.TokenTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Signs tokens with the current key of the ring ({@code kid} in the header), claims as SPEC §2.2.
 */
@ApplicationScoped
public class TokenIssuer {
  @Inject KeyRingHolder keys;
  @Inject TokenSettings settings;

  /** A signed token and when it expires. */
  public record IssuedToken(String token, Instant expiresAt, Duration lifetime) {}

  /** Who a token is for. {@code type} is {@code service_account} or {@code admin_user}. */
  public record Subject(
      String id,
      String upn,
      String clientId,
      String type,
      List<String> groups,
      Integer rateLimit) {}

  public IssuedToken issue(Subject subject, String tokenUse, Duration lifetime) {
    KeyRing ring = keys.ring();
    if (ring.signingKey() == null) {
      throw new ApiException(
          ProblemCode.SERVICE_UNAVAILABLE, "No signing key is loaded; see the admin log.");
    }
    Instant now = Instant.now();
    Instant expires = now.plus(lifetime);
    JsonObjectBuilder claims =
        Json.createObjectBuilder()
            .add("iss", settings.issuer())
            .add("aud", settings.audience())
            .add("sub", subject.id())
            .add("upn", subject.upn())
            .add("groups", Json.createArrayBuilder(subject.groups()))
            .add("client_id", subject.clientId())
            .add("type", subject.type())
            .add(TokenTypes.CLAIM, tokenUse)
            .add("jti", UUID.randomUUID().toString())
            .add("iat", now.getEpochSecond())
            .add("nbf", now.getEpochSecond())
            .add("exp", expires.getEpochSecond());
    if (subject.rateLimit() != null) {
      // Every service enforces the account's own limit without asking admin.
      claims.add("rate_limit", subject.rateLimit());
    }
    String token = JwtSigner.sign(claims.build(), ring.currentKid(), ring.signingKey());
    return new IssuedToken(token, expires, lifetime);
  }

  public IssuedToken issueAccessToken(Subject subject) {
    return issue(subject, TokenTypes.ACCESS, settings.accessTokenTtl());
  }
}
