package io.artstore.admin.domain.user;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A person who administers ArtStore through the console (SPEC §2.1). */
public record AdminUser(
    UUID id,
    String username,
    String passwordHash,
    String role,
    String status,
    boolean system,
    int failedLogins,
    Instant lockedUntil,
    Instant passwordChangedAt,
    Instant lastLoginAt,
    Instant createdAt,
    Instant updatedAt) {

  public static final int MAX_FAILED_LOGINS = 5;

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }

  /** After a wrong password: the count goes up, and the fifth locks the account. */
  public AdminUser afterFailedLogin(Instant now, Duration lockFor) {
    int failures = failedLogins + 1;
    Instant until = failures >= MAX_FAILED_LOGINS ? now.plus(lockFor) : lockedUntil;
    return new AdminUser(
        id,
        username,
        passwordHash,
        role,
        status,
        system,
        failures >= MAX_FAILED_LOGINS ? 0 : failures,
        until,
        passwordChangedAt,
        lastLoginAt,
        createdAt,
        now);
  }

  public AdminUser afterLogin(Instant now) {
    return new AdminUser(
        id,
        username,
        passwordHash,
        role,
        status,
        system,
        0,
        null,
        passwordChangedAt,
        now,
        createdAt,
        now);
  }

  public AdminUser withPassword(String hash, Instant now) {
    return new AdminUser(
        id, username, hash, role, status, system, 0, null, now, lastLoginAt, createdAt, now);
  }

  public AdminUser with(String newRole, String newStatus, Instant now) {
    return new AdminUser(
        id,
        username,
        passwordHash,
        newRole,
        newStatus,
        system,
        failedLogins,
        lockedUntil,
        passwordChangedAt,
        lastLoginAt,
        createdAt,
        now);
  }
}
