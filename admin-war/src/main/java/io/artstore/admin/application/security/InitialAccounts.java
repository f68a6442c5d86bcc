package io.artstore.admin.application.security;

import io.artstore.admin.domain.account.AccountStatus;
import io.artstore.admin.domain.account.ClientIds;
import io.artstore.admin.domain.account.ClientSecrets;
import io.artstore.admin.domain.account.ServiceAccount;
import io.artstore.admin.infrastructure.ServiceAccountRepository;
import io.artstore.admin.infrastructure.security.CredentialsFile;
import io.artstore.shared.infrastructure.db.SchemaReady;
import io.artstore.shared.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first start creates the system service account (role ADMIN, {@code is_system}) from {@code
 * ARTSTORE_INITIAL_ACCOUNT_NAME / _CLIENT_ID / _CLIENT_SECRET}. A generated secret is written to a
 * 0600 file whose path is logged; the secret itself never is.
 */
@ApplicationScoped
public class InitialAccounts {
  private static final Logger LOG = Logger.getLogger(InitialAccounts.class.getName());
  public static final Duration SECRET_LIFETIME = Duration.ofDays(90);
  public static final int DEFAULT_RATE_LIMIT = 100;

  @Inject ServiceAccountRepository accounts;
  @Inject TokenSettings settings;

  @Inject
  @ConfigProperty(name = "artstore.initial-account.name", defaultValue = "bootstrap")
  String name;

  @Inject
  @ConfigProperty(name = "artstore.initial-account.client-id")
  Optional<String> clientId;

  @Inject
  @ConfigProperty(name = "artstore.initial-account.client-secret")
  Optional<String> clientSecret;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String dataDir;

  /** Operators and automation work through this account: a higher limit than the default. */
  @Inject
  @ConfigProperty(name = "artstore.initial-account.rate-limit", defaultValue = "1000")
  int rateLimit;

  void onSchemaReady(@Observes SchemaReady ready) {
    if (accounts.findSystemAccount().isPresent()) {
      return;
    }
    Instant now = Instant.now();
    String id =
        clientId
            .filter(s -> !s.isBlank())
            .orElseGet(() -> ClientIds.generate(settings.environment(), name));
    Optional<String> given = clientSecret.filter(s -> !s.isBlank());
    String secret = given.orElseGet(ClientSecrets::generate);
    ServiceAccount account =
        new ServiceAccount(
            UUID.randomUUID(),
            name,
            id,
            ClientSecrets.hash(secret),
            Roles.ADMIN,
            AccountStatus.ACTIVE,
            true,
            rateLimit,
            now.plus(SECRET_LIFETIME),
            "Created on first start",
            now,
            now,
            null);
    if (!accounts.insert(account)) {
      return; // another admin replica created it first
    }
    if (given.isPresent()) {
      LOG.info(
          () ->
              "Created the system service account "
                  + id
                  + " (secret from ARTSTORE_INITIAL_ACCOUNT_CLIENT_SECRET)");
      return;
    }
    Path file =
        Path.of(dataDir).resolve("admin").resolve("initial-account.properties").toAbsolutePath();
    Map<String, String> content = new LinkedHashMap<>();
    content.put("client_id", id);
    content.put("client_secret", secret);
    try {
      CredentialsFile.write(
          file, "The system service account of this ArtStore installation", content);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    LOG.warning(
        () ->
            "Created the system service account "
                + id
                + "; its secret is in "
                + file
                + " (mode 0600). Move it to your secret store and delete the file.");
  }
}
