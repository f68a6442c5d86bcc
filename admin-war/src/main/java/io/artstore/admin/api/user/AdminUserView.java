package io.artstore.admin.api.user;

import io.artstore.admin.domain.user.AdminUser;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An admin user as the API shows it (never the password hash). */
public record AdminUserView(
    UUID id,
    @Schema(example = "alice") String username,
    @Schema(enumeration = {"SUPER_ADMIN", "ADMIN", "READONLY"}) String role,
    @Schema(enumeration = {"active", "disabled", "deleted"}) String status,
    @Schema(description = "The initial SUPER_ADMIN; protected") boolean isSystem,
    @Schema(description = "Locked after failed logins until this time") Instant lockedUntil,
    Instant passwordChangedAt,
    Instant lastLoginAt,
    Instant createdAt,
    Instant updatedAt) {

  static AdminUserView of(AdminUser u) {
    Instant now = Instant.now();
    return new AdminUserView(
        u.id(),
        u.username(),
        u.role(),
        u.status(),
        u.system(),
        u.lockedAt(now) ? u.lockedUntil() : null,
        u.passwordChangedAt(),
        u.lastLoginAt(),
        u.createdAt(),
        u.updatedAt());
  }
}
