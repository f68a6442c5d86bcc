package io.artstore.query.application;

import io.artstore.query.infrastructure.RebuildLog;
import io.artstore.query.infrastructure.SearchIndexRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.admin.AdminFiles;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.infrastructure.db.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbCreator;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rebuilds the search index from admin's registry (SPEC §6) while searches go on: the schema is
 * migrated again (it may have been dropped), every registered file is written through the same
 * version-checked apply the event feed uses (so events arriving meanwhile are never undone), and
 * rows neither the rebuild nor an event touched since it started are deleted at the end. One
 * rebuild at a time per replica; a failed one is retried with back-off.
 */
@ApplicationScoped
public class IndexRebuild {
  private static final Logger LOG = Logger.getLogger(IndexRebuild.class.getName());

  @Resource ManagedScheduledExecutorService executor;

  @Inject AdminFiles admin;
  @Inject SearchIndexRepository index;
  @Inject RebuildLog log;
  @Inject SchemaMigrator migrator;
  @Inject FileCatalog catalog;
  @Inject QuerySettings settings;

  private final AtomicBoolean running = new AtomicBoolean();

  /** A keyset page of admin's registry (only what a rebuild reads of it). */
  public record RegistryPage(List<StoredFile> items, boolean hasMore) {
    @JsonbCreator
    public RegistryPage {}
  }

  /** Starts a rebuild unless one runs; false when one was running already. */
  public boolean request(String reason) {
    if (!running.compareAndSet(false, true)) {
      return false;
    }
    executor.execute(() -> run(reason, 1));
    return true;
  }

  public boolean running() {
    return running.get();
  }

  private void run(String reason, int attempt) {
    boolean retry = false;
    try {
      rebuild(reason);
    } catch (IOException | SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Rebuild of the search index failed (attempt " + attempt + "): " + e,
          LOG.isLoggable(Level.FINE) ? e : null);
      retry = true;
    }
    if (retry) {
      long delay = Math.min(60, 5L * attempt);
      executor.schedule(() -> run(reason, attempt + 1), delay, TimeUnit.SECONDS);
    } else {
      running.set(false);
    }
  }

  private void rebuild(String reason) throws IOException, SQLException {
    if (!migrator.remigrate()) {
      throw new SQLException("The query schema cannot be migrated");
    }
    Instant started = index.now();
    long id = log.started(started, reason);
    long files = 0;
    try {
      UUID after = null;
      while (true) {
        AdminFiles.Answer answer = admin.list(after, settings.rebuildPageSize());
        if (answer.status() != 200) {
          throw new IOException("Admin answered " + answer.status() + " to the registry listing");
        }
        RegistryPage page = JsonbConfigResolver.jsonb().fromJson(answer.body(), RegistryPage.class);
        for (StoredFile file : page.items()) {
          if (index.apply(file) == SearchIndexRepository.Applied.WRITTEN) {
            catalog.evict(UUID.fromString(file.fileId()));
          }
          files++;
        }
        if (page.items().isEmpty() || !page.hasMore()) {
          break;
        }
        after = UUID.fromString(page.items().get(page.items().size() - 1).fileId());
        if (files % 50_000 < settings.rebuildPageSize()) {
          log.progress(id, files);
        }
      }
      long deleted = index.deleteUnseenSince(started);
      log.finished(id, "succeeded", files, deleted, null);
      long total = files;
      LOG.info(
          () ->
              "Search index rebuilt from the registry: "
                  + total
                  + " files, "
                  + deleted
                  + " stale rows deleted");
    } catch (IOException | SQLException | RuntimeException e) {
      try {
        log.finished(id, "failed", files, 0, e.toString());
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw e;
    }
  }
}
