package io.artstore.admin.infrastructure;

import io.artstore.admin.domain.registry.ElementStatus;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The storage-element registry in admin's schema. Every change bumps {@code registry_version} in
 * its own transaction, so the discovery snapshot's version increases with every change. The health
 * sync writes only the columns it observes and operators write only theirs: neither overwrites the
 * other's concurrent change.
 */
@ApplicationScoped
public class StorageElementRepository {
  private static final String COLUMNS =
      "id, element_id, name, description, api_url, mode, status, storage_type, priority,"
          + " capacity_total_bytes, capacity_used_bytes, capacity_available_bytes, file_count,"
          + " version, last_sync_at, last_error, consecutive_failures, created_at, updated_at";

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /**
   * A unique constraint refused a change: {@code field} is {@code api_url} or {@code element_id}.
   */
  public static final class DuplicateException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    DuplicateException(String field) {
      super("duplicate " + field);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** The registry at one version. */
  public record Versioned(long version, List<StorageElement> elements) {}

  /** Filters of the list; null means "any". */
  public record Filter(String mode, String status, String storageType) {}

  public Optional<StorageElement> find(UUID id) {
    return Jdbc.one(
        dataSource,
        "SELECT " + COLUMNS + " FROM storage_elements WHERE id = ?",
        List.of(id),
        StorageElementRepository::map);
  }

  public Optional<StorageElement> findByApiUrl(String apiUrl) {
    return Jdbc.one(
        dataSource,
        "SELECT " + COLUMNS + " FROM storage_elements WHERE api_url = ?",
        List.of(apiUrl),
        StorageElementRepository::map);
  }

  public Optional<StorageElement> findByElementId(String elementId) {
    return Jdbc.one(
        dataSource,
        "SELECT " + COLUMNS + " FROM storage_elements WHERE element_id = ?",
        List.of(elementId),
        StorageElementRepository::map);
  }

  public List<StorageElement> list(Filter filter, int limit, long offset) {
    List<Object> parameters = new ArrayList<>();
    return Jdbc.list(
        dataSource,
        "SELECT "
            + COLUMNS
            + " FROM storage_elements"
            + where(filter, parameters)
            + " ORDER BY priority, name, id LIMIT "
            + limit
            + " OFFSET "
            + offset,
        parameters,
        StorageElementRepository::map);
  }

  public long count(Filter filter) {
    List<Object> parameters = new ArrayList<>();
    return Jdbc.count(
        dataSource,
        "SELECT count(*) FROM storage_elements" + where(filter, parameters),
        parameters);
  }

  public List<StorageElement> all() {
    return Jdbc.list(
        dataSource,
        "SELECT " + COLUMNS + " FROM storage_elements ORDER BY priority, name, id",
        List.of(),
        StorageElementRepository::map);
  }

  /** Every element and the registry version they are, read in one snapshot of the database. */
  public Versioned snapshot() {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        long version = currentVersion(c);
        List<StorageElement> elements = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM storage_elements ORDER BY priority, name, id");
            ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            elements.add(map(rs));
          }
        }
        c.commit();
        return new Versioned(version, elements);
      } finally {
        c.setAutoCommit(autoCommit);
        c.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the storage-element registry", e);
    }
  }

  public long registryVersion() {
    try (Connection c = dataSource.getConnection()) {
      return currentVersion(c);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the registry version", e);
    }
  }

  /** Inserts a new element; returns the new registry version. */
  public long insert(StorageElement e) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO storage_elements ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            s.setObject(++i, e.id());
            s.setString(++i, e.elementId());
            s.setString(++i, e.name());
            s.setString(++i, e.description());
            s.setString(++i, e.apiUrl());
            s.setString(++i, e.mode());
            s.setString(++i, e.status().wireName());
            s.setString(++i, e.storageType());
            s.setInt(++i, e.priority());
            s.setLong(++i, e.capacityTotalBytes());
            s.setLong(++i, e.capacityUsedBytes());
            s.setLong(++i, e.capacityAvailableBytes());
            s.setLong(++i, e.fileCount());
            s.setLong(++i, e.version());
            s.setTimestamp(++i, timestamp(e.lastSyncAt()));
            s.setString(++i, e.lastError());
            s.setInt(++i, e.consecutiveFailures());
            s.setTimestamp(++i, timestamp(e.createdAt()));
            s.setTimestamp(++i, timestamp(e.updatedAt()));
            s.executeUpdate();
          }
          return bump(c);
        });
  }

  /**
   * Writes the operator's fields (name, description, priority, URL); returns the registry version.
   */
  public long updateDetails(StorageElement e) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE storage_elements SET name = ?, description = ?, priority = ?,"
                      + " api_url = ?, version = version + 1, updated_at = ? WHERE id = ?")) {
            s.setString(1, e.name());
            s.setString(2, e.description());
            s.setInt(3, e.priority());
            s.setString(4, e.apiUrl());
            s.setTimestamp(5, timestamp(e.updatedAt()));
            s.setObject(6, e.id());
            if (s.executeUpdate() == 0) {
              return -1L;
            }
          }
          return bump(c);
        });
  }

  /**
   * Writes what a sync observed. Bumps the registry version only when {@code bumpRegistry}
   * (something discovery shows changed); returns the registry version after the write, or -1 when
   * the element is gone.
   */
  public long updateSync(StorageElement e, boolean bumpRegistry) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "UPDATE storage_elements SET mode = ?, status = ?, storage_type = ?,"
                      + " capacity_total_bytes = ?, capacity_used_bytes = ?,"
                      + " capacity_available_bytes = ?, file_count = ?, last_sync_at = ?,"
                      + " last_error = ?, consecutive_failures = ?, version = version + 1,"
                      + " updated_at = ? WHERE id = ?")) {
            int i = 0;
            s.setString(++i, e.mode());
            s.setString(++i, e.status().wireName());
            s.setString(++i, e.storageType());
            s.setLong(++i, e.capacityTotalBytes());
            s.setLong(++i, e.capacityUsedBytes());
            s.setLong(++i, e.capacityAvailableBytes());
            s.setLong(++i, e.fileCount());
            s.setTimestamp(++i, timestamp(e.lastSyncAt()));
            s.setString(++i, e.lastError());
            s.setInt(++i, e.consecutiveFailures());
            s.setTimestamp(++i, timestamp(e.updatedAt()));
            s.setObject(++i, e.id());
            if (s.executeUpdate() == 0) {
              return -1L;
            }
          }
          return bumpRegistry ? bump(c) : currentVersion(c);
        });
  }

  /** Removes an element; returns the registry version, or -1 when it was not there. */
  public long delete(UUID id) {
    return inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM storage_elements WHERE id = ?")) {
            s.setObject(1, id);
            if (s.executeUpdate() == 0) {
              return -1L;
            }
          }
          return bump(c);
        });
  }

  private interface Work {
    long run(Connection c) throws SQLException;
  }

  private long inTransaction(Work work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        long result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        if (e instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
          String message = String.valueOf(sql.getMessage());
          throw new DuplicateException(message.contains("element_id") ? "element_id" : "api_url");
        }
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Storage-element registry change failed", e);
    }
  }

  private static long bump(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE registry_version SET version = version + 1 WHERE id = 1 RETURNING version");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long currentVersion(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT version FROM registry_version WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0L;
    }
  }

  private static String where(Filter filter, List<Object> parameters) {
    List<String> clauses = new ArrayList<>();
    if (filter.mode() != null) {
      clauses.add("mode = ?");
      parameters.add(filter.mode());
    }
    if (filter.status() != null) {
      clauses.add("status = ?");
      parameters.add(filter.status());
    }
    if (filter.storageType() != null) {
      clauses.add("storage_type = ?");
      parameters.add(filter.storageType());
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static StorageElement map(ResultSet rs) throws SQLException {
    return new StorageElement(
        rs.getObject("id", UUID.class),
        rs.getString("element_id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("api_url"),
        rs.getString("mode"),
        ElementStatus.parse(rs.getString("status")).orElse(ElementStatus.OFFLINE),
        rs.getString("storage_type"),
        rs.getInt("priority"),
        rs.getLong("capacity_total_bytes"),
        rs.getLong("capacity_used_bytes"),
        rs.getLong("capacity_available_bytes"),
        rs.getLong("file_count"),
        rs.getLong("version"),
        instant(rs.getTimestamp("last_sync_at")),
        rs.getString("last_error"),
        rs.getInt("consecutive_failures"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")));
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
