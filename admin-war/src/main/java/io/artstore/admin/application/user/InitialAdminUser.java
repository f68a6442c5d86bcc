package io.artstore.admin.application.user;

import io.artstore.admin.domain.user.AdminUser;
import io.artstore.admin.domain.user.PasswordPolicy;
import io.artstore.admin.domain.user.Passwords;
import io.artstore.admin.infrastructure.AdminUserRepository;
import io.artstore.admin.infrastructure.security.CredentialsFile;
import io.artstore.shared.infrastructure.db.SchemaReady;
import io.artstore.shared.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first start creates the initial SUPER_ADMIN ({@code is_system}) from {@code
 * ARTSTORE_INITIAL_ADMIN_USERNAME / _PASSWORD}; a generated password goes to a 0600 file whose path
 * is logged, never to the log itself.
 */
@ApplicationScoped
public class InitialAdminUser {
  private static final Logger LOG = Logger.getLogger(InitialAdminUser.class.getName());

  @Inject AdminUserRepository users;
  @Inject AdminAuthentication authentication;

  @Inject
  @ConfigProperty(name = "artstore.initial-admin.username", defaultValue = "admin")
  String username;

  @Inject
  @ConfigProperty(name = "artstore.initial-admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String dataDir;

  void onSchemaReady(@Observes SchemaReady ready) {
    if (users.findSystemUser().isPresent()) {
      return;
    }
    Optional<String> given = password.filter(p -> !p.isBlank());
    given
        .flatMap(PasswordPolicy::violation)
        .ifPresent(
            v ->
                LOG.warning(
                    "ARTSTORE_INITIAL_ADMIN_PASSWORD "
                        + v
                        + "; accepted for the initial user, change it"));
    String chosen = given.orElseGet(Passwords::generate);
    Instant now = Instant.now();
    AdminUser user =
        new AdminUser(
            UUID.randomUUID(),
            username.trim().toLowerCase(),
            Passwords.hash(chosen, authentication.bcryptCost()),
            Roles.SUPER_ADMIN,
            "active",
            true,
            0,
            null,
            now,
            null,
            now,
            now);
    if (!users.insert(user)) {
      return;
    }
    if (given.isPresent()) {
      LOG.info(() -> "Created the initial SUPER_ADMIN " + user.username());
      return;
    }
    Path file =
        Path.of(dataDir).resolve("admin").resolve("initial-admin.properties").toAbsolutePath();
    Map<String, String> content = new LinkedHashMap<>();
    content.put("username", user.username());
    content.put("password", chosen);
    try {
      CredentialsFile.write(file, "The initial SUPER_ADMIN of this ArtStore installation", content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LOG.warning(
        () ->
            "Created the initial SUPER_ADMIN "
                + user.username()
                + "; the password is in "
                + file
                + " (mode 0600). Change it and delete the file.");
  }
}
