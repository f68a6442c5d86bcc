package io.artstore.query.infrastructure;

import io.artstore.query.domain.FileText;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes of the search index ({@code search_files} and the tag counts of {@code search_tags}).
 * Every write is idempotent and ordered per file by the registry's {@code version}: an event
 * delivered twice, or late, never takes a file back to an older state.
 */
@ApplicationScoped
public class SearchIndexRepository {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** What an apply did. */
  public enum Applied {
    /** First seen: nothing can be cached of it from the index. */
    CREATED,
    WRITTEN,
    /** Same or older version than the index holds: only confirmed as seen. */
    UNCHANGED
  }

  private record Current(long version, String status, boolean removed, List<String> tags) {
    boolean countsTags() {
      return "active".equals(status) && !removed;
    }
  }

  /** Indexes {@code file} unless the index holds a newer version of it. */
  public Applied apply(StoredFile file) throws SQLException {
    UUID id = UUID.fromString(file.fileId());
    return Jdbc.inTransaction(
        dataSource,
        c -> {
          Current current = lock(c, id);
          if (current != null && !newer(file, current)) {
            touch(c, id);
            return Applied.UNCHANGED;
          }
          upsert(c, file);
          List<String> newTags = "active".equals(file.status()) ? tags(file) : List.of();
          adjustTags(
              c, current == null || !current.countsTags() ? List.of() : current.tags, newTags);
          return current == null ? Applied.CREATED : Applied.WRITTEN;
        });
  }

  /**
   * A record replaces the indexed one when its version is higher; at the same version a status
   * change GC made without a new version (purge) is not undone by an older "active" copy.
   */
  private static boolean newer(StoredFile file, Current current) {
    if (current.removed()) {
      return file.version() > current.version();
    }
    if (file.version() != current.version()) {
      return file.version() > current.version();
    }
    return !file.status().equals(current.status()) && !"active".equals(file.status());
  }

  /** GC removed the file's bytes: its status changes, its version does not (file.purged). */
  public void purged(UUID id, String status) throws SQLException {
    Jdbc.inTransaction(
        dataSource,
        c -> {
          Current current = lock(c, id);
          if (current == null || current.removed() || status.equals(current.status())) {
            return null;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE search_files SET status = ?, document = jsonb_set(document, '{status}',"
                      + " to_jsonb(?::text)), indexed_at = clock_timestamp() WHERE file_id = ?")) {
            s.setString(1, status);
            s.setString(2, status);
            s.setObject(3, id);
            s.executeUpdate();
          }
          adjustTags(c, current.countsTags() ? current.tags() : List.of(), List.of());
          return null;
        });
  }

  /** The registry no longer has the file (file.removed): a tombstone until the next rebuild. */
  public void removed(UUID id) throws SQLException {
    Jdbc.inTransaction(
        dataSource,
        c -> {
          Current current = lock(c, id);
          if (current == null || current.removed()) {
            return null;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE search_files SET removed = true, indexed_at = clock_timestamp() WHERE"
                      + " file_id = ?")) {
            s.setObject(1, id);
            s.executeUpdate();
          }
          adjustTags(c, current.countsTags() ? current.tags() : List.of(), List.of());
          return null;
        });
  }

  /**
   * After a rebuild that started at {@code since}: deletes the rows neither the rebuild nor an
   * event wrote since then (files the registry no longer has, tombstones included); returns how
   * many.
   */
  public long deleteUnseenSince(Instant since) throws SQLException {
    long deleted = 0;
    while (true) {
      int batch =
          Jdbc.inTransaction(
              dataSource,
              c -> {
                List<UUID> ids = new ArrayList<>();
                List<String> tags = new ArrayList<>();
                try (PreparedStatement s =
                    c.prepareStatement(
                        "DELETE FROM search_files WHERE file_id IN (SELECT file_id FROM"
                            + " search_files WHERE indexed_at < ? LIMIT 1000 FOR UPDATE SKIP"
                            + " LOCKED) RETURNING file_id, status, removed, tags")) {
                  s.setTimestamp(1, Timestamp.from(since));
                  try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                      ids.add(rs.getObject(1, UUID.class));
                      if ("active".equals(rs.getString(2)) && !rs.getBoolean(3)) {
                        tags.addAll(Arrays.asList((String[]) rs.getArray(4).getArray()));
                      }
                    }
                  }
                }
                adjustTags(c, tags, List.of());
                return ids.size();
              });
      deleted += batch;
      if (batch == 0) {
        return deleted;
      }
    }
  }

  /** The indexed record of a file, tombstones excluded. */
  public Optional<String> document(UUID id) {
    return Jdbc.one(
        dataSource,
        "SELECT document::text FROM search_files WHERE file_id = ? AND NOT removed",
        List.of(id),
        rs -> rs.getString(1));
  }

  /** The database's clock: rebuild marks are compared with {@code indexed_at}, written by it. */
  public Instant now() {
    return Jdbc.one(dataSource, "SELECT clock_timestamp()", List.of(), rs -> rs.getTimestamp(1))
        .orElseThrow()
        .toInstant();
  }

  public long count() {
    return Jdbc.count(dataSource, "SELECT count(*) FROM search_files WHERE NOT removed", List.of());
  }

  private static Current lock(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, status, removed, tags FROM search_files WHERE file_id = ? FOR"
                + " UPDATE")) {
      s.setObject(1, id);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new Current(
            rs.getLong(1),
            rs.getString(2),
            rs.getBoolean(3),
            Arrays.asList((String[]) rs.getArray(4).getArray()));
      }
    }
  }

  private static void touch(Connection c, UUID id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "UPDATE search_files SET indexed_at = clock_timestamp() WHERE file_id = ?")) {
      s.setObject(1, id);
      s.executeUpdate();
    }
  }

  private static void upsert(Connection c, StoredFile f) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO search_files (file_id, version, status, removed, original_filename,"
                + " filename_lower, extension, content_type, size_bytes, uploaded_by_id,"
                + " uploaded_by_name, description, tags, metadata, retention_policy,"
                + " storage_element_id, created_at, expires_at, document, search_vector,"
                + " indexed_at) VALUES (?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?,"
                + " ?, ?, ?::jsonb,"
                + " setweight(to_tsvector('russian', ?), 'A')"
                + " || setweight(to_tsvector('simple', ?), 'A')"
                + " || setweight(to_tsvector('russian', ?), 'B')"
                + " || setweight(to_tsvector('simple', ?), 'B')"
                + " || setweight(to_tsvector('russian', ?), 'C')"
                + " || setweight(to_tsvector('russian', ?), 'D'),"
                + " clock_timestamp())"
                + " ON CONFLICT (file_id) DO UPDATE SET version = EXCLUDED.version, status ="
                + " EXCLUDED.status, removed = false, original_filename ="
                + " EXCLUDED.original_filename, filename_lower = EXCLUDED.filename_lower,"
                + " extension = EXCLUDED.extension, content_type = EXCLUDED.content_type,"
                + " size_bytes = EXCLUDED.size_bytes, uploaded_by_id = EXCLUDED.uploaded_by_id,"
                + " uploaded_by_name = EXCLUDED.uploaded_by_name, description ="
                + " EXCLUDED.description, tags = EXCLUDED.tags, metadata = EXCLUDED.metadata,"
                + " retention_policy = EXCLUDED.retention_policy, storage_element_id ="
                + " EXCLUDED.storage_element_id, created_at = EXCLUDED.created_at, expires_at ="
                + " EXCLUDED.expires_at, document = EXCLUDED.document, search_vector ="
                + " EXCLUDED.search_vector, indexed_at = EXCLUDED.indexed_at")) {
      String filename = f.originalFilename();
      String nameWords = FileText.filenameWords(filename);
      String tagWords = FileText.tagWords(f.tags());
      int i = 1;
      s.setObject(i++, UUID.fromString(f.fileId()));
      s.setLong(i++, f.version());
      s.setString(i++, f.status());
      s.setString(i++, filename);
      s.setString(i++, FileText.lower(filename));
      s.setString(i++, FileText.extension(filename));
      s.setString(i++, f.contentType());
      s.setLong(i++, f.sizeBytes());
      s.setString(i++, f.uploadedBy() == null ? null : f.uploadedBy().id());
      s.setString(i++, f.uploadedBy() == null ? null : f.uploadedBy().name());
      s.setString(i++, f.description());
      Array tags = c.createArrayOf("text", tags(f).toArray());
      s.setArray(i++, tags);
      s.setString(
          i++,
          JsonbConfigResolver.jsonb()
              .toJson(f.metadata() == null ? new TreeMap<>() : new TreeMap<>(f.metadata())));
      s.setString(i++, f.retentionPolicy());
      s.setString(i++, f.storageElementId());
      setInstant(s, i++, f.createdAt());
      setInstant(s, i++, f.expiresAt());
      s.setString(i++, JsonbConfigResolver.jsonb().toJson(f));
      s.setString(i++, nameWords);
      s.setString(i++, FileText.lower(filename) + " " + nameWords);
      s.setString(i++, tagWords);
      s.setString(i++, tagWords);
      s.setString(i++, FileText.lower(f.description()));
      s.setString(i, FileText.metadataWords(f.metadata()));
      s.executeUpdate();
    }
  }

  private static List<String> tags(StoredFile f) {
    if (f.tags() == null) {
      return List.of();
    }
    return List.copyOf(new TreeSet<>(f.tags()));
  }

  /**
   * Moves the tag counts from the old tags to the new ones. Tags are updated in sorted order so two
   * transactions sharing tags cannot deadlock.
   */
  private static void adjustTags(Connection c, List<String> oldTags, List<String> newTags)
      throws SQLException {
    TreeMap<String, Integer> delta = new TreeMap<>();
    oldTags.forEach(t -> delta.merge(t, -1, Integer::sum));
    newTags.forEach(t -> delta.merge(t, 1, Integer::sum));
    delta.values().removeIf(v -> v == 0);
    if (delta.isEmpty()) {
      return;
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO search_tags (tag, tag_lower, files) VALUES (?, ?, ?) ON CONFLICT (tag) DO"
                + " UPDATE SET files = search_tags.files + EXCLUDED.files")) {
      for (var entry : delta.entrySet()) {
        s.setString(1, entry.getKey());
        s.setString(2, FileText.lower(entry.getKey()));
        s.setLong(3, entry.getValue());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement("DELETE FROM search_tags WHERE tag = ANY(?) AND files <= 0")) {
      s.setArray(1, c.createArrayOf("text", delta.keySet().toArray()));
      s.executeUpdate();
    }
  }

  private static void setInstant(PreparedStatement s, int index, Instant value)
      throws SQLException {
    if (value == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, value.atOffset(java.time.ZoneOffset.UTC));
    }
  }
}
