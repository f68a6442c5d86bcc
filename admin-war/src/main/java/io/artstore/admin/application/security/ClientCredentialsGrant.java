package io.artstore.admin.application.security;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.domain.account.AccountStatus;
import io.artstore.admin.domain.account.ClientSecrets;
import io.artstore.admin.domain.account.ServiceAccount;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.infrastructure.ServiceAccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** OAuth 2.0 client credentials (RFC 6749 §4.4) for service accounts. */
@ApplicationScoped
public class ClientCredentialsGrant {
  public static final String GRANT_TYPE = "client_credentials";
  private static final Logger LOG = Logger.getLogger(ClientCredentialsGrant.class.getName());

  @Inject ServiceAccountRepository accounts;
  @Inject TokenIssuer issuer;
  @Inject AuditLog audit;

  /** A granted token and the account it was granted to. */
  public record Grant(TokenIssuer.IssuedToken token, ServiceAccount account) {}

  public Grant grant(String clientId, String clientSecret) {
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
      throw OAuthException.invalidRequest("client_id and client_secret are required");
    }
    Optional<ServiceAccount> found = accounts.findByClientId(clientId);
    // Unknown client and wrong secret answer alike: the endpoint must not reveal which ids exist.
    if (found.isEmpty() || !ClientSecrets.matches(clientSecret, found.get().secretHash())) {
      LOG.info(() -> "Token refused for client " + printable(clientId) + ": bad credentials");
      audit.record(
          printable(clientId),
          "client",
          "token.issue",
          null,
          AuditEvent.FAILURE,
          Map.of("reason", "bad credentials"));
      throw OAuthException.invalidClient("Client authentication failed");
    }
    ServiceAccount account = found.get();
    Instant now = Instant.now();
    AccountStatus status = account.effectiveStatus(now);
    if (status != AccountStatus.ACTIVE) {
      LOG.info(
          () ->
              "Token refused for client " + account.clientId() + ": account " + status.wireName());
      throw OAuthException.invalidClient(
          switch (status) {
            case SUSPENDED -> "The service account is suspended";
            case EXPIRED -> "The client secret has expired; rotate it";
            case DELETED -> "The service account is deleted";
            case ACTIVE -> throw new IllegalStateException();
          });
    }
    TokenIssuer.IssuedToken token =
        issuer.issueAccessToken(
            new TokenIssuer.Subject(
                account.id().toString(),
                account.clientId(),
                account.clientId(),
                "service_account",
                List.of(account.role()),
                account.rateLimit()));
    accounts.touch(account, now);
    audit.record(
        account.clientId(),
        "service_account",
        "token.issue",
        "service_account:" + account.id(),
        AuditEvent.SUCCESS,
        Map.of("expires_at", token.expiresAt()));
    return new Grant(token, account);
  }

  /** Client ids come from the request: keep log lines safe. */
  private static String printable(String clientId) {
    String cut = clientId.length() > 80 ? clientId.substring(0, 80) + "…" : clientId;
    return cut.replaceAll("[^A-Za-z0-9_.@-]", "?");
  }
}
