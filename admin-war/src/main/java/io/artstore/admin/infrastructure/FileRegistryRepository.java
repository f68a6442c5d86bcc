package io.artstore.admin.infrastructure;

import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code files} (the registry) and {@code event_outbox}: a registry change and its event are
 * written in one transaction, so an event is never lost and never announces a change that did not
 * happen.
 */
@ApplicationScoped
public class FileRegistryRepository {
  private static final String COLUMNS =
      "file_id, storage_element_id, storage_path, storage_filename, original_filename,"
          + " content_type, size_bytes, checksum_algorithm, checksum_value, uploaded_by_id,"
          + " uploaded_by_name, description, tags, metadata, retention_policy, ttl_days,"
          + " expires_at, status, version, schema_version, created_at, updated_at, compression,"
          + " stored_size_bytes, stored_checksum_value";

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /**
   * Filters of the list; null means "any". {@code after} switches to keyset paging in file_id order
   * (files whose id is greater), which a full export needs: offsets shift while files come and go,
   * keys do not.
   */
  public record Filter(
      String status,
      String retentionPolicy,
      String storageElementId,
      String uploadedBy,
      UUID after) {}

  /** What a registration did. */
  public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED
  }

  /**
   * Inserts the file, or replaces its row when {@code file} is a newer version of it; writes the
   * matching event (file.created / file.updated / file.deleted) in the same transaction.
   */
  public Outcome register(StoredFile file) {
    try {
      return Jdbc.inTransaction(dataSource, c -> register(c, file));
    } catch (SQLException e) {
      throw new IllegalStateException("File registration failed", e);
    }
  }

  private static Outcome register(Connection c, StoredFile file) throws SQLException {
    Long current = null;
    Timestamp expiringNotifiedAt = null;
    Timestamp previousExpiry = null;
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, expiring_notified_at, expires_at FROM files WHERE file_id = ?"
                + " FOR UPDATE")) {
      s.setObject(1, UUID.fromString(file.fileId()));
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          current = rs.getLong(1);
          expiringNotifiedAt = rs.getTimestamp(2);
          previousExpiry = rs.getTimestamp(3);
        }
      }
    }
    if (current != null && file.version() <= current) {
      return Outcome.UNCHANGED;
    }
    if (current != null) {
      try (PreparedStatement d = c.prepareStatement("DELETE FROM files WHERE file_id = ?")) {
        d.setObject(1, UUID.fromString(file.fileId()));
        d.executeUpdate();
      }
    }
    insert(c, file);
    if (expiringNotifiedAt != null
        && previousExpiry != null
        && file.expiresAt() != null
        && previousExpiry
            .toInstant()
            .equals(file.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.MICROS))) {
      // A metadata change is not a new expiry: its file.expiring event was raised already.
      try (PreparedStatement u =
          c.prepareStatement("UPDATE files SET expiring_notified_at = ? WHERE file_id = ?")) {
        u.setTimestamp(1, expiringNotifiedAt);
        u.setObject(2, UUID.fromString(file.fileId()));
        u.executeUpdate();
      }
    }
    Outcome outcome = current == null ? Outcome.CREATED : Outcome.UPDATED;
    event(
        c,
        outcome == Outcome.CREATED
            ? "file.created"
            : "deleted".equals(file.status()) ? "file.deleted" : "file.updated",
        file.fileId(),
        eventPayload(file));
    return outcome;
  }

  /**
   * The registry branch of a transfer's XA transaction (on the caller's XA connection): the row of
   * {@code before} becomes {@code after} (the target element's document) and {@code
   * file.transferred} is written with it. False, changing nothing, when the row is no longer {@code
   * before} (changed or moved meanwhile): the transfer must roll back.
   */
  public static boolean transfer(
      Connection c, StoredFile before, StoredFile after, String transferId) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, storage_element_id, status FROM files WHERE file_id = ? FOR UPDATE")) {
      s.setObject(1, UUID.fromString(before.fileId()));
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()
            || rs.getLong(1) != before.version()
            || !before.storageElementId().equals(rs.getString(2))
            || !"active".equals(rs.getString(3))) {
          return false;
        }
      }
    }
    try (PreparedStatement d = c.prepareStatement("DELETE FROM files WHERE file_id = ?")) {
      d.setObject(1, UUID.fromString(before.fileId()));
      d.executeUpdate();
    }
    insert(c, after);
    JsonObject payload =
        Json.createObjectBuilder(eventPayload(after))
            .add("from_storage_element_id", before.storageElementId())
            .add("transfer_id", transferId)
            .build();
    event(c, "file.transferred", after.fileId(), payload);
    return true;
  }

  /**
   * Removes the element's rows whose files the element no longer holds (purged by GC, lost), each
   * with a {@code file.removed} event; returns how many.
   */
  public int removeMissing(String storageElementId, java.util.Set<UUID> present) {
    List<UUID> registered =
        Jdbc.list(
            dataSource,
            "SELECT file_id FROM files WHERE storage_element_id = ?",
            List.of(storageElementId),
            rs -> rs.getObject(1, UUID.class));
    int removed = 0;
    for (UUID id : registered) {
      if (present.contains(id)) {
        continue;
      }
      try {
        boolean gone =
            Jdbc.inTransaction(
                dataSource,
                c -> {
                  try (PreparedStatement d =
                      c.prepareStatement("DELETE FROM files WHERE file_id = ?")) {
                    d.setObject(1, id);
                    if (d.executeUpdate() != 1) {
                      return false;
                    }
                  }
                  event(
                      c,
                      "file.removed",
                      id.toString(),
                      Json.createObjectBuilder()
                          .add("file_id", id.toString())
                          .add("storage_element_id", storageElementId)
                          .build());
                  return true;
                });
        if (gone) {
          removed++;
        }
      } catch (SQLException e) {
        throw new IllegalStateException("Registry cleanup failed", e);
      }
    }
    return removed;
  }

  public Optional<StoredFile> find(UUID fileId) {
    return Jdbc.one(
        dataSource,
        "SELECT " + COLUMNS + " FROM files WHERE file_id = ?",
        List.of(fileId),
        FileRegistryRepository::map);
  }

  public List<StoredFile> list(Filter filter, int limit, long offset) {
    List<Object> parameters = new ArrayList<>();
    String where = where(filter, parameters);
    if (filter.after() != null) {
      where += (where.isEmpty() ? " WHERE" : " AND") + " file_id > ?";
      parameters.add(filter.after());
    }
    parameters.add(limit);
    parameters.add(offset);
    return Jdbc.list(
        dataSource,
        "SELECT "
            + COLUMNS
            + " FROM files"
            + where
            + (filter.after() != null
                ? " ORDER BY file_id LIMIT ? OFFSET ?"
                : " ORDER BY created_at DESC NULLS LAST, file_id LIMIT ? OFFSET ?"),
        parameters,
        FileRegistryRepository::map);
  }

  public long count(Filter filter) {
    List<Object> parameters = new ArrayList<>();
    String where = where(filter, parameters);
    return Jdbc.count(dataSource, "SELECT count(*) FROM files" + where, parameters);
  }

  private static String where(Filter filter, List<Object> parameters) {
    List<String> clauses = new ArrayList<>();
    if (filter.status() != null) {
      clauses.add("status = ?");
      parameters.add(filter.status());
    }
    if (filter.retentionPolicy() != null) {
      clauses.add("retention_policy = ?");
      parameters.add(filter.retentionPolicy());
    }
    if (filter.storageElementId() != null) {
      clauses.add("storage_element_id = ?");
      parameters.add(filter.storageElementId());
    }
    if (filter.uploadedBy() != null) {
      clauses.add("(uploaded_by_id = ? OR uploaded_by_name = ?)");
      parameters.add(filter.uploadedBy());
      parameters.add(filter.uploadedBy());
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static void insert(Connection c, StoredFile f) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO files ("
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)")) {
      int i = 1;
      s.setObject(i++, UUID.fromString(f.fileId()));
      s.setString(i++, f.storageElementId());
      s.setString(i++, f.storagePath());
      s.setString(i++, f.storageFilename());
      s.setString(i++, f.originalFilename());
      s.setString(i++, f.contentType());
      s.setLong(i++, f.sizeBytes());
      s.setString(i++, f.checksum().algorithm());
      s.setString(i++, f.checksum().value());
      s.setString(i++, f.uploadedBy() == null ? null : f.uploadedBy().id());
      s.setString(i++, f.uploadedBy() == null ? null : f.uploadedBy().name());
      s.setString(i++, f.description());
      Array tags = c.createArrayOf("text", f.tags() == null ? new Object[0] : f.tags().toArray());
      s.setArray(i++, tags);
      s.setString(i++, json(f.metadata()).toString());
      s.setString(i++, f.retentionPolicy());
      if (f.ttlDays() == null) {
        s.setNull(i++, Types.INTEGER);
      } else {
        s.setInt(i++, f.ttlDays());
      }
      setInstant(s, i++, f.expiresAt());
      s.setString(i++, f.status());
      s.setLong(i++, f.version());
      s.setString(i++, f.schemaVersion() == null ? "2" : f.schemaVersion());
      setInstant(s, i++, f.createdAt());
      setInstant(s, i++, f.updatedAt());
      s.setString(i++, f.compression());
      if (f.storedSizeBytes() == null) {
        s.setNull(i++, Types.BIGINT);
      } else {
        s.setLong(i++, f.storedSizeBytes());
      }
      s.setString(i, f.storedChecksum() == null ? null : f.storedChecksum().value());
      s.executeUpdate();
    }
  }

  static void event(Connection c, String type, String aggregateId, JsonObject payload)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO event_outbox (event_type, aggregate_id, payload) VALUES (?, ?,"
                + " ?::jsonb)")) {
      s.setString(1, type);
      s.setString(2, aggregateId);
      s.setString(3, payload.toString());
      s.executeUpdate();
    }
  }

  /**
   * The event names the file and also carries its whole new record ({@code file}), so consumers
   * such as query's search index apply it without calling back (ordered by {@code version}).
   */
  private static JsonObject eventPayload(StoredFile f) {
    return Json.createObjectBuilder()
        .add("file_id", f.fileId())
        .add("storage_element_id", f.storageElementId())
        .add("status", f.status())
        .add("version", f.version())
        .add(
            "file",
            Json.createReader(new java.io.StringReader(JsonbConfigResolver.jsonb().toJson(f)))
                .readObject())
        .build();
  }

  private static JsonObject json(Map<String, String> metadata) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    if (metadata != null) {
      new TreeMap<>(metadata).forEach(b::add);
    }
    return b.build();
  }

  private static void setInstant(PreparedStatement s, int index, Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setTimestamp(index, Timestamp.from(value));
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  static StoredFile map(ResultSet rs) throws SQLException {
    List<String> tags = new ArrayList<>();
    Array array = rs.getArray("tags");
    if (array != null) {
      for (Object tag : (Object[]) array.getArray()) {
        tags.add((String) tag);
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonReader reader = Json.createReader(new StringReader(rs.getString("metadata")))) {
      reader
          .readObject()
          .forEach(
              (k, v) -> metadata.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    int ttl = rs.getInt("ttl_days");
    Integer ttlDays = rs.wasNull() ? null : ttl;
    String uploaderId = rs.getString("uploaded_by_id");
    String uploaderName = rs.getString("uploaded_by_name");
    long stored = rs.getLong("stored_size_bytes");
    Long storedSize = rs.wasNull() ? null : stored;
    return new StoredFile(
        rs.getString("schema_version"),
        rs.getObject("file_id", UUID.class).toString(),
        rs.getString("original_filename"),
        rs.getString("storage_filename"),
        rs.getString("storage_path"),
        rs.getLong("size_bytes"),
        rs.getString("content_type"),
        new StoredFile.Checksum(rs.getString("checksum_algorithm"), rs.getString("checksum_value")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        uploaderId == null && uploaderName == null
            ? null
            : new StoredFile.Uploader(uploaderId, uploaderName),
        rs.getString("description"),
        tags,
        metadata,
        rs.getString("retention_policy"),
        ttlDays,
        instant(rs, "expires_at"),
        rs.getString("status"),
        rs.getString("storage_element_id"),
        rs.getLong("version"),
        rs.getString("compression"),
        storedSize,
        rs.getString("stored_checksum_value") == null
            ? null
            : new StoredFile.Checksum("sha256", rs.getString("stored_checksum_value")));
  }
}
