package io.artstore.query.application;

import io.artstore.query.domain.FileEvent;
import io.artstore.query.infrastructure.SearchIndexRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Applies one of admin's file events to the search index, then evicts the file from the metadata
 * caches. Idempotent: applying an event again, or an older one late, changes nothing.
 */
@ApplicationScoped
public class IndexUpdater {
  private static final Logger LOG = Logger.getLogger(IndexUpdater.class.getName());

  @Inject SearchIndexRepository index;
  @Inject FileCatalog catalog;
  @Inject QueryMetrics metrics;

  /** Thrown for an event that can never be applied (malformed): it is skipped, not retried. */
  public static final class UnusableEvent extends RuntimeException {
    UnusableEvent(String message) {
      super(message);
    }
  }

  /** Applies the event; an {@link SQLException} means "try again later". */
  public void apply(FileEvent event) throws SQLException {
    if (!event.aboutFiles()) {
      return;
    }
    JsonObject payload = payload(event);
    UUID id = fileId(event, payload);
    String result;
    switch (event.type()) {
      case "file.created", "file.updated", "file.deleted", "file.transferred" -> {
        JsonValue file = payload.get("file");
        if (file == null || file.getValueType() != JsonValue.ValueType.OBJECT) {
          throw new UnusableEvent(event.type() + " of " + id + " carries no file record");
        }
        StoredFile record = JsonbConfigResolver.jsonb().fromJson(file.toString(), StoredFile.class);
        result = index.apply(record).name().toLowerCase(java.util.Locale.ROOT);
      }
      case "file.purged" -> {
        index.purged(id, payload.getString("status", "deleted"));
        result = "written";
      }
      case "file.removed" -> {
        index.removed(id);
        result = "written";
      }
      default -> {
        return; // file.expiring and the like change nothing that is indexed
      }
    }
    catalog.evict(id);
    metrics.eventApplied(event.type(), result);
  }

  private static JsonObject payload(FileEvent event) {
    if (event.payload() == null) {
      throw new UnusableEvent(event.type() + " without a payload");
    }
    try (JsonReader reader = Json.createReader(new StringReader(event.payload()))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new UnusableEvent(event.type() + " with a malformed payload: " + e.getMessage());
    }
  }

  private static UUID fileId(FileEvent event, JsonObject payload) {
    String raw = payload.getString("file_id", event.aggregateId());
    try {
      return UUID.fromString(raw);
    } catch (RuntimeException e) {
      LOG.fine(() -> "Event " + event.outboxId() + " names no file id: " + raw);
      throw new UnusableEvent(event.type() + " without a file id");
    }
  }
}
