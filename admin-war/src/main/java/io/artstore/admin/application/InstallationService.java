package io.artstore.admin.application;

import io.artstore.admin.infrastructure.InstallationRepository;
import io.artstore.shared.infrastructure.db.SchemaMigrator;
import io.artstore.shared.infrastructure.db.SchemaReady;
import io.artstore.shared.status.ServiceStatus.Installation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The identity of this ArtStore installation: created once, on the first start against an empty
 * database, and the same on every start after (it is how an operator tells two installations, or a
 * restored backup, apart).
 */
@ApplicationScoped
public class InstallationService {
  private static final Logger LOG = Logger.getLogger(InstallationService.class.getName());

  @Inject InstallationRepository repository;
  @Inject SchemaMigrator migrator;

  private volatile Installation cached;

  void onSchemaReady(@Observes SchemaReady ready) {
    Installation installation = repository.findOrCreate();
    cached = installation;
    LOG.info(
        () ->
            "ArtStore installation "
                + installation.id()
                + " (created "
                + installation.createdAt()
                + ")");
  }

  /** The installation, or empty while the database has not been reached yet. */
  public Optional<Installation> current() {
    if (cached == null && migrator.migrated()) {
      try {
        cached = repository.findOrCreate();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Installation not readable", e);
      }
    }
    return Optional.ofNullable(cached);
  }
}
