package io.artstore.admin.application.security;

import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Admin's own token for the elements' ADMIN service-account endpoints (GC, transfer branches).
 * Admin signs tokens itself, so it needs no stored account: the token says {@code
 * type=service_account} with role ADMIN, which is exactly what an element's {@code
 * Principals.requireAdminServiceAccount} asks for. Kept until a minute before it expires; dropped
 * when an element refuses it (a rotated key, for instance).
 */
@ApplicationScoped
public class AdminElementToken {
  static final String NAME = "artstore-admin";

  /** A stable subject, so the elements' logs and rate limiter see one principal. */
  static final String SUBJECT =
      UUID.nameUUIDFromBytes(NAME.getBytes(StandardCharsets.UTF_8)).toString();

  /**
   * GC may remove thousands of files a pass, transfers many more calls: the per-principal rate
   * limit must not stop it.
   */
  private static final int RATE_LIMIT = 1_000_000;

  @Inject TokenIssuer issuer;

  private TokenIssuer.IssuedToken current;

  public synchronized String bearer() {
    if (current == null
        || Instant.now().isAfter(current.expiresAt().minus(Duration.ofMinutes(1)))) {
      current =
          issuer.issueAccessToken(
              new TokenIssuer.Subject(
                  SUBJECT,
                  NAME,
                  NAME,
                  Principals.SERVICE_ACCOUNT,
                  List.of(Roles.ADMIN),
                  RATE_LIMIT));
    }
    return "Bearer " + current.token();
  }

  public synchronized void invalidate() {
    current = null;
  }
}
