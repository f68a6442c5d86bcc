package io.artstore.admin.application.user;

import io.artstore.admin.domain.user.AdminUser;
import io.artstore.admin.domain.user.PasswordPolicy;
import io.artstore.admin.domain.user.Passwords;
import io.artstore.admin.infrastructure.AdminUserRepository;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Admin users, managed by SUPER_ADMINs; the initial SUPER_ADMIN is protected. */
@ApplicationScoped
public class AdminUsers {
  public static final Set<String> ROLES = Set.of(Roles.SUPER_ADMIN, Roles.ADMIN, Roles.READONLY);
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

  @Inject AdminUserRepository repository;
  @Inject AdminAuthentication authentication;

  /** A user and, when one was generated, its password (shown once). */
  public record WithPassword(AdminUser user, String generatedPassword) {}

  public WithPassword create(String rawUsername, String password, String role) {
    String username = rawUsername == null ? null : rawUsername.trim().toLowerCase();
    List<FieldViolation> violations = new ArrayList<>();
    if (username == null || !USERNAME.matcher(username).matches()) {
      violations.add(new FieldViolation("username", "3-64 characters: a-z, 0-9, '.', '_', '-'"));
    }
    if (role == null || !ROLES.contains(role)) {
      violations.add(new FieldViolation("role", "must be SUPER_ADMIN, ADMIN or READONLY"));
    }
    if (password != null) {
      PasswordPolicy.violation(password)
          .ifPresent(v -> violations.add(new FieldViolation("password", v)));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    String chosen = password == null ? Passwords.generate() : password;
    Instant now = Instant.now();
    AdminUser user =
        new AdminUser(
            UUID.randomUUID(),
            username,
            Passwords.hash(chosen, authentication.bcryptCost()),
            role,
            "active",
            false,
            0,
            null,
            now,
            null,
            now,
            now);
    if (!repository.insert(user)) {
      throw new ApiException(ProblemCode.CONFLICT, "The username " + username + " is taken.");
    }
    return new WithPassword(user, password == null ? chosen : null);
  }

  public Page<AdminUser> list(String role, String status, String search, PageRequest page) {
    List<FieldViolation> violations = new ArrayList<>();
    if (role != null && !ROLES.contains(role)) {
      violations.add(new FieldViolation("role", "must be SUPER_ADMIN, ADMIN or READONLY"));
    }
    if (status != null && !Set.of("active", "disabled", "deleted").contains(status)) {
      violations.add(new FieldViolation("status", "must be active, disabled or deleted"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    AdminUserRepository.Filter filter =
        new AdminUserRepository.Filter(
            role, status, search == null || search.isBlank() ? null : search.trim());
    return Page.of(
        repository.list(filter, page.limit(), page.offset()), repository.count(filter), page);
  }

  public AdminUser get(UUID id) {
    return repository.findById(id).orElseThrow(() -> ApiException.notFound("No admin user " + id));
  }

  public AdminUser update(UUID id, String role, String status) {
    AdminUser user = live(id);
    List<FieldViolation> violations = new ArrayList<>();
    if (role != null && !ROLES.contains(role)) {
      violations.add(new FieldViolation("role", "must be SUPER_ADMIN, ADMIN or READONLY"));
    }
    if (status != null && !Set.of("active", "disabled").contains(status)) {
      violations.add(new FieldViolation("status", "must be active or disabled (delete to delete)"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    String newRole = role == null ? user.role() : role;
    String newStatus = status == null ? user.status() : status;
    if (user.system() && (!Roles.SUPER_ADMIN.equals(newRole) || !"active".equals(newStatus))) {
      throw new ApiException(
          ProblemCode.CONFLICT, "The initial SUPER_ADMIN cannot be demoted or disabled.");
    }
    AdminUser updated = user.with(newRole, newStatus, Instant.now());
    repository.update(updated);
    return updated;
  }

  public AdminUser delete(UUID id) {
    AdminUser user = live(id);
    if (user.system()) {
      throw new ApiException(ProblemCode.CONFLICT, "The initial SUPER_ADMIN cannot be deleted.");
    }
    AdminUser deleted = user.with(user.role(), "deleted", Instant.now());
    repository.update(deleted);
    return deleted;
  }

  /** A new password (generated when none is given, then shown once); also ends a lockout. */
  public WithPassword resetPassword(UUID id, String password) {
    AdminUser user = live(id);
    if (password != null) {
      PasswordPolicy.violation(password)
          .ifPresent(
              v -> {
                throw ApiException.validation("new_password", v);
              });
    }
    String chosen = password == null ? Passwords.generate() : password;
    AdminUser reset =
        user.withPassword(Passwords.hash(chosen, authentication.bcryptCost()), Instant.now());
    repository.update(reset);
    return new WithPassword(reset, password == null ? chosen : null);
  }

  private AdminUser live(UUID id) {
    AdminUser user = get(id);
    if ("deleted".equals(user.status())) {
      throw ApiException.notFound("Admin user " + id + " is deleted");
    }
    return user;
  }
}
