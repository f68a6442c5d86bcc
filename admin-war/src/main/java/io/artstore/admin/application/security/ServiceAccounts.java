package io.artstore.admin.application.security;

import io.artstore.admin.domain.account.AccountStatus;
import io.artstore.admin.domain.account.ClientIds;
import io.artstore.admin.domain.account.ClientSecrets;
import io.artstore.admin.domain.account.ServiceAccount;
import io.artstore.admin.infrastructure.ServiceAccountRepository;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Service accounts (SPEC §2.1): create (the secret is returned once), list, read, change, soft
 * delete, rotate the secret. The system account is protected: never deleted, demoted or suspended.
 */
@ApplicationScoped
public class ServiceAccounts {
  private static final Logger LOG = Logger.getLogger(ServiceAccounts.class.getName());
  public static final Set<String> ROLES =
      Set.of(Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
  private static final int MAX_RATE_LIMIT = 1_000_000;

  @Inject ServiceAccountRepository repository;
  @Inject TokenSettings settings;

  /** An account with the secret that was just made for it (shown once). */
  public record WithSecret(ServiceAccount account, String clientSecret) {}

  /** What a client may set; null means "unchanged" (or the default, on create). */
  public record Changes(
      String name,
      String role,
      String status,
      Integer rateLimit,
      String description,
      Integer secretLifetimeDays) {}

  public WithSecret create(Changes request) {
    List<FieldViolation> violations = new ArrayList<>();
    if (request.name() == null) {
      violations.add(new FieldViolation("name", "is required"));
    }
    if (request.role() == null) {
      violations.add(new FieldViolation("role", "is required"));
    }
    validate(request, violations);
    if (request.status() != null) {
      violations.add(
          new FieldViolation("status", "is set by the account's lifecycle, not on create"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    Instant now = Instant.now();
    String secret = ClientSecrets.generate();
    ServiceAccount account =
        new ServiceAccount(
            UUID.randomUUID(),
            request.name().trim(),
            ClientIds.generate(settings.environment(), request.name()),
            ClientSecrets.hash(secret),
            request.role(),
            AccountStatus.ACTIVE,
            false,
            request.rateLimit() == null ? InitialAccounts.DEFAULT_RATE_LIMIT : request.rateLimit(),
            now.plus(lifetime(request)),
            request.description(),
            now,
            now,
            null);
    if (!repository.insert(account)) {
      throw new ApiException(
          ProblemCode.CONFLICT, "A service account with this client id exists; try again.");
    }
    LOG.info(() -> "Created service account " + account.clientId() + " (" + account.role() + ")");
    return new WithSecret(account, secret);
  }

  public Page<ServiceAccount> list(String role, String status, String search, PageRequest page) {
    List<FieldViolation> violations = new ArrayList<>();
    if (role != null && !ROLES.contains(role)) {
      violations.add(new FieldViolation("role", "must be one of " + String.join(", ", ROLES)));
    }
    if (status != null && AccountStatus.parse(status).isEmpty()) {
      violations.add(new FieldViolation("status", "must be active, suspended, expired or deleted"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    String term = search == null || search.isBlank() ? null : search.trim();
    ServiceAccountRepository.Filter filter =
        new ServiceAccountRepository.Filter(role, status, term);
    return Page.of(
        repository.list(filter, page.limit(), page.offset()), repository.count(filter), page);
  }

  /** An account by id; deleted accounts are still readable (their history matters). */
  public ServiceAccount get(UUID id) {
    return repository
        .findById(id)
        .orElseThrow(() -> ApiException.notFound("No service account " + id));
  }

  public ServiceAccount update(UUID id, Changes changes) {
    ServiceAccount current = live(id);
    List<FieldViolation> violations = new ArrayList<>();
    validate(changes, violations);
    AccountStatus newStatus = current.status();
    if (changes.status() != null) {
      AccountStatus requested = AccountStatus.parse(changes.status()).orElse(null);
      if (requested != AccountStatus.ACTIVE && requested != AccountStatus.SUSPENDED) {
        violations.add(
            new FieldViolation("status", "must be active or suspended (delete to delete)"));
      } else {
        newStatus = requested;
      }
    }
    if (changes.secretLifetimeDays() != null) {
      violations.add(
          new FieldViolation("secret_lifetime_days", "applies on create and on secret rotation"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    String newRole = changes.role() == null ? current.role() : changes.role();
    if (current.system()
        && (!Roles.ADMIN.equals(newRole) || newStatus == AccountStatus.SUSPENDED)) {
      throw new ApiException(
          ProblemCode.CONFLICT, "The system account cannot be demoted or suspended.");
    }
    ServiceAccount updated =
        new ServiceAccount(
            current.id(),
            changes.name() == null ? current.name() : changes.name().trim(),
            current.clientId(),
            current.secretHash(),
            newRole,
            newStatus,
            current.system(),
            changes.rateLimit() == null ? current.rateLimit() : changes.rateLimit(),
            current.secretExpiresAt(),
            changes.description() == null ? current.description() : changes.description(),
            current.createdAt(),
            Instant.now(),
            current.lastUsedAt());
    repository.update(updated);
    return updated;
  }

  public void delete(UUID id) {
    ServiceAccount current = live(id);
    if (current.system()) {
      throw new ApiException(ProblemCode.CONFLICT, "The system account cannot be deleted.");
    }
    repository.update(withStatus(current, AccountStatus.DELETED));
    LOG.info(() -> "Deleted service account " + current.clientId());
  }

  /** A new secret; the old one stops working at once. An expired account becomes active again. */
  public WithSecret rotateSecret(UUID id, Integer lifetimeDays) {
    ServiceAccount current = live(id);
    List<FieldViolation> violations = new ArrayList<>();
    validate(new Changes(null, null, null, null, null, lifetimeDays), violations);
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    Instant now = Instant.now();
    String secret = ClientSecrets.generate();
    ServiceAccount rotated =
        new ServiceAccount(
            current.id(),
            current.name(),
            current.clientId(),
            ClientSecrets.hash(secret),
            current.role(),
            current.status() == AccountStatus.EXPIRED ? AccountStatus.ACTIVE : current.status(),
            current.system(),
            current.rateLimit(),
            now.plus(lifetime(new Changes(null, null, null, null, null, lifetimeDays))),
            current.description(),
            current.createdAt(),
            now,
            current.lastUsedAt());
    repository.update(rotated);
    LOG.info(() -> "Rotated the secret of service account " + current.clientId());
    return new WithSecret(rotated, secret);
  }

  private ServiceAccount live(UUID id) {
    ServiceAccount account = get(id);
    if (account.status() == AccountStatus.DELETED) {
      throw ApiException.notFound("Service account " + id + " is deleted");
    }
    return account;
  }

  private static void validate(Changes c, List<FieldViolation> violations) {
    if (c.name() != null && !NAME.matcher(c.name().trim()).matches()) {
      violations.add(
          new FieldViolation("name", "1-100 characters: letters, digits, space, '.', '_', '-'"));
    }
    if (c.role() != null && !ROLES.contains(c.role())) {
      violations.add(new FieldViolation("role", "must be one of ADMIN, USER, AUDITOR, READONLY"));
    }
    if (c.rateLimit() != null && (c.rateLimit() < 1 || c.rateLimit() > MAX_RATE_LIMIT)) {
      violations.add(
          new FieldViolation(
              "rate_limit", "must be between 1 and " + MAX_RATE_LIMIT + " requests per minute"));
    }
    if (c.description() != null && c.description().length() > 1000) {
      violations.add(new FieldViolation("description", "at most 1000 characters"));
    }
    if (c.secretLifetimeDays() != null
        && (c.secretLifetimeDays() < 1 || c.secretLifetimeDays() > 3650)) {
      violations.add(new FieldViolation("secret_lifetime_days", "must be between 1 and 3650"));
    }
  }

  private static Duration lifetime(Changes c) {
    return c.secretLifetimeDays() == null
        ? InitialAccounts.SECRET_LIFETIME
        : Duration.ofDays(c.secretLifetimeDays());
  }

  private static ServiceAccount withStatus(ServiceAccount a, AccountStatus status) {
    return new ServiceAccount(
        a.id(),
        a.name(),
        a.clientId(),
        a.secretHash(),
        a.role(),
        status,
        a.system(),
        a.rateLimit(),
        a.secretExpiresAt(),
        a.description(),
        a.createdAt(),
        Instant.now(),
        a.lastUsedAt());
  }
}
