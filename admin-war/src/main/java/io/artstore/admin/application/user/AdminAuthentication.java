package io.artstore.admin.application.user;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.security.TokenIssuer;
import io.artstore.admin.application.security.TokenSettings;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.domain.user.AdminUser;
import io.artstore.admin.domain.user.PasswordPolicy;
import io.artstore.admin.domain.user.Passwords;
import io.artstore.admin.infrastructure.AdminUserRepository;
import io.artstore.admin.infrastructure.security.TokenVerifier;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.config.DynamicConfig;
import io.artstore.shared.security.KeyRingHolder;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.TokenTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admin users' sessions (SPEC §2.1): login with lockout, refresh (admin users only; a refresh token
 * is used once and is never an access token), logout (revokes the refresh token), password change.
 */
@ApplicationScoped
public class AdminAuthentication {
  /** A bcrypt hash of nothing anyone knows: unknown usernames cost the same time as known ones. */
  private static final String DUMMY_HASH = Passwords.hash("no-such-user-" + UUID.randomUUID(), 10);

  @Inject AdminUserRepository users;
  @Inject TokenIssuer issuer;
  @Inject TokenSettings settings;
  @Inject KeyRingHolder keys;
  @Inject DynamicConfig dynamic;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "artstore.password.bcrypt-cost", defaultValue = "12")
  int bcryptCost;

  @Inject
  @ConfigProperty(name = "artstore.jwt.refresh-token-ttl", defaultValue = "7d")
  String refreshTtl;

  /** An access token and its refresh token. */
  public record Session(TokenIssuer.IssuedToken access, TokenIssuer.IssuedToken refresh) {}

  public Session login(String rawUsername, String password) {
    String username = rawUsername == null ? "" : rawUsername.trim().toLowerCase();
    Instant now = Instant.now();
    Optional<AdminUser> found = users.findByUsername(username);
    if (found.isEmpty() || "deleted".equals(found.get().status())) {
      Passwords.matches(password, DUMMY_HASH);
      audit.record(
          username,
          "admin_user",
          "login",
          null,
          AuditEvent.FAILURE,
          Map.of("reason", "bad credentials"));
      throw unauthorized();
    }
    AdminUser user = found.get();
    if (user.lockedAt(now)) {
      long seconds = Math.max(1, Duration.between(now, user.lockedUntil()).toSeconds());
      audit.record(
          username,
          "admin_user",
          "login",
          "admin_user:" + user.id(),
          AuditEvent.DENIED,
          Map.of("reason", "locked"));
      throw new ApiException(
          ProblemCode.LOCKED,
          423,
          "Too many failed logins; the account is locked for " + seconds + " s.",
          List.of(),
          Map.of("Retry-After", Long.toString(seconds)));
    }
    if (!Passwords.matches(password, user.passwordHash())) {
      AdminUser failed = user.afterFailedLogin(now, lockDuration());
      users.update(failed);
      audit.record(
          username,
          "admin_user",
          "login",
          "admin_user:" + user.id(),
          AuditEvent.FAILURE,
          Map.of("reason", "bad credentials"));
      if (failed.lockedAt(now)) {
        audit.record(
            username,
            "admin_user",
            "lockout",
            "admin_user:" + user.id(),
            AuditEvent.SUCCESS,
            Map.of("locked_until", failed.lockedUntil()));
      }
      throw unauthorized();
    }
    if (!"active".equals(user.status())) {
      audit.record(
          username,
          "admin_user",
          "login",
          "admin_user:" + user.id(),
          AuditEvent.DENIED,
          Map.of("reason", user.status()));
      throw new ApiException(ProblemCode.FORBIDDEN, "The account is disabled.");
    }
    users.update(user.afterLogin(now));
    audit.record(
        username, "admin_user", "login", "admin_user:" + user.id(), AuditEvent.SUCCESS, Map.of());
    return session(user);
  }

  public Session refresh(String refreshToken) {
    Instant now = Instant.now();
    JsonObject claims =
        Optional.ofNullable(refreshToken)
            .flatMap(
                t ->
                    TokenVerifier.verify(
                        t, keys.ring(), settings.issuer(), settings.audience(), now))
            .filter(c -> TokenTypes.REFRESH.equals(c.getString(TokenTypes.CLAIM, null)))
            .filter(c -> Principals.ADMIN_USER.equals(c.getString("type", null)))
            .orElseThrow(() -> invalidRefresh());
    if (!users.revokeRefreshToken(
        claims.getString("jti"), Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue()))) {
      audit.record(
          claims.getString("upn", "?"),
          "admin_user",
          "token.refresh",
          null,
          AuditEvent.DENIED,
          Map.of("reason", "refresh token reused"));
      throw invalidRefresh();
    }
    AdminUser user =
        users
            .findById(UUID.fromString(claims.getString("sub")))
            .filter(u -> "active".equals(u.status()) && !u.lockedAt(now))
            .orElseThrow(() -> invalidRefresh());
    audit.record(
        user.username(),
        "admin_user",
        "token.refresh",
        "admin_user:" + user.id(),
        AuditEvent.SUCCESS,
        Map.of());
    return session(user);
  }

  /** Revokes the refresh token, when it is this user's. Access tokens simply expire (30 min). */
  public void logout(String username, String refreshToken) {
    if (refreshToken != null) {
      TokenVerifier.verify(
              refreshToken, keys.ring(), settings.issuer(), settings.audience(), Instant.now())
          .filter(c -> username.equals(c.getString("upn", null)))
          .ifPresent(
              c ->
                  users.revokeRefreshToken(
                      c.getString("jti"),
                      Instant.ofEpochSecond(c.getJsonNumber("exp").longValue())));
    }
    audit.record(username, "admin_user", "logout", null, AuditEvent.SUCCESS, Map.of());
  }

  public void changePassword(UUID userId, String current, String replacement) {
    AdminUser user =
        users.findById(userId).orElseThrow(() -> ApiException.notFound("No such admin user"));
    if (!Passwords.matches(current, user.passwordHash())) {
      audit.record(
          user.username(),
          "admin_user",
          "password.change",
          "admin_user:" + user.id(),
          AuditEvent.FAILURE,
          Map.of("reason", "wrong current password"));
      throw new ApiException(
          ProblemCode.UNAUTHORIZED, 401, "The current password is wrong.", List.of(), Map.of());
    }
    PasswordPolicy.violation(replacement)
        .ifPresent(
            v -> {
              throw ApiException.validation("new_password", v);
            });
    if (Passwords.matches(replacement, user.passwordHash())) {
      throw ApiException.validation("new_password", "must differ from the current password");
    }
    users.update(user.withPassword(Passwords.hash(replacement, bcryptCost), Instant.now()));
    audit.recordAndWait(
        user.username(),
        "admin_user",
        "password.change",
        "admin_user:" + user.id(),
        AuditEvent.SUCCESS,
        Map.of());
  }

  public Duration lockDuration() {
    return dynamic.getDuration("artstore.login.lock-duration", "15m");
  }

  public int bcryptCost() {
    return bcryptCost;
  }

  private Session session(AdminUser user) {
    TokenIssuer.Subject subject =
        new TokenIssuer.Subject(
            user.id().toString(),
            user.username(),
            "user_" + user.username(),
            Principals.ADMIN_USER,
            List.of(user.role()),
            null);
    return new Session(
        issuer.issueAccessToken(subject),
        issuer.issue(
            subject, TokenTypes.REFRESH, io.artstore.shared.config.Durations.parse(refreshTtl)));
  }

  private static ApiException unauthorized() {
    return new ApiException(
        ProblemCode.UNAUTHORIZED, 401, "Invalid username or password.", List.of(), Map.of());
  }

  private static ApiException invalidRefresh() {
    return new ApiException(
        ProblemCode.UNAUTHORIZED, 401, "Invalid refresh token.", List.of(), Map.of());
  }
}
