package io.artstore.admin.domain.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A machine principal that authenticates with client credentials (SPEC §2.1). Only the hash of its
 * secret is kept.
 */
public record ServiceAccount(
    UUID id,
    String name,
    String clientId,
    String secretHash,
    String role,
    AccountStatus status,
    boolean system,
    int rateLimit,
    Instant secretExpiresAt,
    String description,
    Instant createdAt,
    Instant updatedAt,
    Instant lastUsedAt) {

  public static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  public ServiceAccount {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secretHash, "secretHash");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(status, "status");
  }

  /** The status a client sees: an active account whose secret has expired is expired. */
  public AccountStatus effectiveStatus(Instant now) {
    if (status == AccountStatus.ACTIVE
        && secretExpiresAt != null
        && !now.isBefore(secretExpiresAt)) {
      return AccountStatus.EXPIRED;
    }
    return status;
  }

  public long daysUntilExpiry(Instant now) {
    return secretExpiresAt == null
        ? Long.MAX_VALUE
        : Duration.between(now, secretExpiresAt).toDays();
  }

  public boolean expiryWarning(Instant now) {
    return secretExpiresAt != null && !now.plus(EXPIRY_WARNING).isBefore(secretExpiresAt);
  }
}
