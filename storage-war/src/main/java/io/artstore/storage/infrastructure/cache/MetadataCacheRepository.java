package io.artstore.storage.infrastructure.cache;

import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.FileAttributes.Checksum;
import io.artstore.storage.domain.FileAttributes.Uploader;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.RetentionPolicy;
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
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The element's metadata cache in its own PostgreSQL schema (SPEC §3.5): a copy of every attr.json.
 * Every method throws {@link SQLException} so callers decide what a database outage means for them
 * (reads fall back to attr.json, writes leave the WAL entry for a later replay).
 */
@ApplicationScoped
public class MetadataCacheRepository {
  private static final String COLUMNS =
      "file_id, data_key, original_filename, storage_filename, storage_path, size_bytes,"
          + " content_type, checksum_algorithm, checksum_value, created_at, updated_at,"
          + " uploaded_by_id, uploaded_by_name, description, tags, metadata, retention_policy,"
          + " ttl_days, expires_at, status, storage_element_id, version, schema_version,"
          + " compression, stored_size_bytes, stored_checksum_value";

  private static final String UPSERT =
      "INSERT INTO files ("
          + COLUMNS
          + ", cached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, clock_timestamp()) ON CONFLICT (file_id) DO UPDATE SET data_key ="
          + " EXCLUDED.data_key, original_filename = EXCLUDED.original_filename,"
          + " storage_filename = EXCLUDED.storage_filename, storage_path ="
          + " EXCLUDED.storage_path, size_bytes = EXCLUDED.size_bytes, content_type ="
          + " EXCLUDED.content_type, checksum_algorithm = EXCLUDED.checksum_algorithm,"
          + " checksum_value = EXCLUDED.checksum_value, created_at = EXCLUDED.created_at,"
          + " updated_at = EXCLUDED.updated_at, uploaded_by_id = EXCLUDED.uploaded_by_id,"
          + " uploaded_by_name = EXCLUDED.uploaded_by_name, description ="
          + " EXCLUDED.description, tags = EXCLUDED.tags, metadata = EXCLUDED.metadata,"
          + " retention_policy = EXCLUDED.retention_policy, ttl_days = EXCLUDED.ttl_days,"
          + " expires_at = EXCLUDED.expires_at, status = EXCLUDED.status,"
          + " storage_element_id = EXCLUDED.storage_element_id, version = EXCLUDED.version,"
          + " schema_version = EXCLUDED.schema_version, compression = EXCLUDED.compression,"
          + " stored_size_bytes = EXCLUDED.stored_size_bytes, stored_checksum_value ="
          + " EXCLUDED.stored_checksum_value, cached_at = EXCLUDED.cached_at";

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** Count and bytes of the files whose bytes are on the element. */
  public record Totals(long files, long bytes) {}

  public void upsert(FileAttributes file) throws SQLException {
    upsertAll(List.of(file));
  }

  /** One batch, one transaction. */
  public void upsertAll(Collection<FileAttributes> files) throws SQLException {
    if (files.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        for (FileAttributes f : files) {
          bind(c, ps, f);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  public void delete(UUID fileId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM files WHERE file_id = ?")) {
      ps.setObject(1, fileId);
      ps.executeUpdate();
    }
  }

  public Optional<FileAttributes> find(UUID fileId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM files WHERE file_id = ?")) {
      ps.setObject(1, fileId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(map(rs)) : Optional.empty();
      }
    }
  }

  /**
   * A page of files, newest first; {@code status} null = every status but {@code transferred}
   * (copies that moved away are never listed, DECISIONS D40).
   */
  public List<FileAttributes> list(FileStatus status, int limit, long offset) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM files"
            + (status == null ? " WHERE status <> 'transferred'" : " WHERE status = ?")
            + " ORDER BY created_at DESC, file_id LIMIT ? OFFSET ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (status != null) {
        ps.setString(i++, status.wireName());
      }
      ps.setInt(i++, limit);
      ps.setLong(i, offset);
      List<FileAttributes> page = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          page.add(map(rs));
        }
      }
      return page;
    }
  }

  public long count(FileStatus status) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM files"
                    + (status == null ? " WHERE status <> 'transferred'" : " WHERE status = ?"))) {
      if (status != null) {
        ps.setString(1, status.wireName());
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public Totals totals() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FILTER (WHERE status <> 'transferred'),"
                    + " coalesce(sum(coalesce(stored_size_bytes, size_bytes)), 0)"
                    + " FROM files")) {
      rs.next();
      return new Totals(rs.getLong(1), rs.getLong(2));
    }
  }

  /** Streams every row (server-side cursor) to the visitor, in file id order. */
  public void forEach(Consumer<FileAttributes> visitor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + COLUMNS + " FROM files ORDER BY file_id")) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            visitor.accept(map(rs));
          }
        }
        c.commit();
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /** The database's clock, the mark a full rebuild compares {@code cached_at} against. */
  public Instant now() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT clock_timestamp()")) {
      rs.next();
      return rs.getTimestamp(1).toInstant();
    }
  }

  /** Removes rows not refreshed since {@code mark}: files a full rebuild did not find. */
  public int deleteCachedBefore(Instant mark) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM files WHERE cached_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(mark));
      return ps.executeUpdate();
    }
  }

  public void recordFixityFailure(
      UUID fileId, String dataKey, String kind, String expected, String actual)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO fixity_failures (file_id, data_key, kind, expected, actual) VALUES"
                    + " (?, ?, ?, ?, ?)")) {
      ps.setObject(1, fileId);
      ps.setString(2, dataKey);
      ps.setString(3, kind);
      ps.setString(4, expected);
      ps.setString(5, actual);
      ps.executeUpdate();
    }
  }

  private static void bind(Connection c, PreparedStatement ps, FileAttributes f)
      throws SQLException {
    int i = 1;
    ps.setObject(i++, f.fileId());
    ps.setString(i++, f.dataKey());
    ps.setString(i++, f.originalFilename());
    ps.setString(i++, f.storageFilename());
    ps.setString(i++, f.storagePath());
    ps.setLong(i++, f.sizeBytes());
    ps.setString(i++, f.contentType());
    ps.setString(i++, f.checksum().algorithm());
    ps.setString(i++, f.checksum().value());
    setInstant(ps, i++, f.createdAt());
    setInstant(ps, i++, f.updatedAt());
    ps.setString(i++, f.uploadedBy() == null ? null : f.uploadedBy().id());
    ps.setString(i++, f.uploadedBy() == null ? null : f.uploadedBy().name());
    ps.setString(i++, f.description());
    Array tags = c.createArrayOf("text", f.tags().toArray());
    ps.setArray(i++, tags);
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    new TreeMap<>(f.metadata()).forEach(metadata::add);
    ps.setString(i++, metadata.build().toString());
    ps.setString(i++, f.retentionPolicy().wireName());
    if (f.ttlDays() == null) {
      ps.setNull(i++, Types.INTEGER);
    } else {
      ps.setInt(i++, f.ttlDays());
    }
    setInstant(ps, i++, f.expiresAt());
    ps.setString(i++, f.status().wireName());
    ps.setString(i++, f.storageElementId());
    ps.setLong(i++, f.version());
    ps.setString(i++, f.schemaVersion());
    FileAttributes.StoredEncoding stored = f.storedEncoding();
    ps.setString(i++, stored == null ? null : stored.compression().wireName());
    if (stored == null) {
      ps.setNull(i++, Types.BIGINT);
    } else {
      ps.setLong(i++, stored.sizeBytes());
    }
    ps.setString(i, stored == null ? null : stored.checksum().value());
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setTimestamp(index, Timestamp.from(value));
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  static FileAttributes map(ResultSet rs) throws SQLException {
    String uploaderId = rs.getString("uploaded_by_id");
    String uploaderName = rs.getString("uploaded_by_name");
    Array tagArray = rs.getArray("tags");
    List<String> tags = new ArrayList<>();
    if (tagArray != null) {
      for (Object tag : (Object[]) tagArray.getArray()) {
        tags.add((String) tag);
      }
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    try (JsonReader reader = Json.createReader(new StringReader(rs.getString("metadata")))) {
      JsonObject object = reader.readObject();
      object.forEach(
          (k, v) -> metadata.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    int ttl = rs.getInt("ttl_days");
    Integer ttlDays = rs.wasNull() ? null : ttl;
    return new FileAttributes(
        rs.getString("schema_version"),
        rs.getObject("file_id", UUID.class),
        rs.getString("original_filename"),
        rs.getString("storage_filename"),
        rs.getString("storage_path"),
        rs.getLong("size_bytes"),
        rs.getString("content_type"),
        new Checksum(rs.getString("checksum_algorithm"), rs.getString("checksum_value")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        uploaderId == null && uploaderName == null ? null : new Uploader(uploaderId, uploaderName),
        rs.getString("description"),
        tags,
        metadata,
        RetentionPolicy.parse(rs.getString("retention_policy")).orElseThrow(),
        ttlDays,
        instant(rs, "expires_at"),
        FileStatus.parse(rs.getString("status")).orElseThrow(),
        rs.getString("storage_element_id"),
        rs.getLong("version"),
        storedEncoding(rs));
  }

  private static FileAttributes.StoredEncoding storedEncoding(ResultSet rs) throws SQLException {
    Compression compression =
        Compression.parse(rs.getString("compression")).orElse(Compression.NONE);
    if (compression == Compression.NONE) {
      return null;
    }
    return new FileAttributes.StoredEncoding(
        compression,
        rs.getLong("stored_size_bytes"),
        Checksum.sha256(rs.getString("stored_checksum_value")));
  }
}
