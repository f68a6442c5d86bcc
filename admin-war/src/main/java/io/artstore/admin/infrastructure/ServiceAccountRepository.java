package io.artstore.admin.infrastructure;

import io.artstore.admin.domain.account.AccountStatus;
import io.artstore.admin.domain.account.ServiceAccount;
import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/** Service accounts in admin's schema. */
@ApplicationScoped
public class ServiceAccountRepository {
  private static final String COLUMNS =
      "id, name, client_id, secret_hash, role, status, is_system, rate_limit, secret_expires_at,"
          + " description, created_at, updated_at, last_used_at";

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  public Optional<ServiceAccount> findByClientId(String clientId) {
    return findOne("SELECT " + COLUMNS + " FROM service_accounts WHERE client_id = ?", clientId);
  }

  public Optional<ServiceAccount> findById(java.util.UUID id) {
    return findOne(
        "SELECT " + COLUMNS + " FROM service_accounts WHERE id = ?::uuid", id.toString());
  }

  /** Filters of the account list; null means "any". Deleted accounts only when asked for. */
  public record Filter(String role, String status, String search) {}

  public java.util.List<ServiceAccount> list(Filter filter, int limit, long offset) {
    java.util.List<String> parameters = new java.util.ArrayList<>();
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM service_accounts"
            + where(filter, parameters)
            + " ORDER BY created_at, client_id LIMIT "
            + limit
            + " OFFSET "
            + offset;
    return Jdbc.list(dataSource, sql, parameters, ServiceAccountRepository::map);
  }

  public long count(Filter filter) {
    java.util.List<String> parameters = new java.util.ArrayList<>();
    return Jdbc.count(
        dataSource,
        "SELECT count(*) FROM service_accounts" + where(filter, parameters),
        parameters);
  }

  /**
   * "expired" is a derived status (an active account whose secret has expired), so filtering on it
   * compares the expiry, not the stored status.
   */
  private static String where(Filter filter, java.util.List<String> parameters) {
    java.util.List<String> clauses = new java.util.ArrayList<>();
    if (filter.role() != null) {
      clauses.add("role = ?");
      parameters.add(filter.role());
    }
    if (filter.status() == null) {
      clauses.add("status <> 'deleted'");
    } else if (filter.status().equals("expired")) {
      clauses.add("(status = 'expired' OR (status = 'active' AND secret_expires_at <= now()))");
    } else if (filter.status().equals("active")) {
      clauses.add("status = 'active' AND (secret_expires_at IS NULL OR secret_expires_at > now())");
    } else {
      clauses.add("status = ?");
      parameters.add(filter.status());
    }
    if (filter.search() != null) {
      clauses.add("(name ILIKE ? OR client_id ILIKE ? OR description ILIKE ?)");
      String like = Jdbc.containsPattern(filter.search());
      parameters.add(like);
      parameters.add(like);
      parameters.add(like);
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  /** Writes every mutable field of {@code a} (matched by id). */
  public void update(ServiceAccount a) {
    String sql =
        "UPDATE service_accounts SET name = ?, secret_hash = ?, role = ?, status = ?, rate_limit = ?,"
            + " secret_expires_at = ?, description = ?, updated_at = ? WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, a.name());
      s.setString(2, a.secretHash());
      s.setString(3, a.role());
      s.setString(4, a.status().wireName());
      s.setInt(5, a.rateLimit());
      s.setTimestamp(6, timestamp(a.secretExpiresAt()));
      s.setString(7, a.description());
      s.setTimestamp(8, timestamp(a.updatedAt()));
      s.setObject(9, a.id());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update service account " + a.clientId(), e);
    }
  }

  public Optional<ServiceAccount> findSystemAccount() {
    return findOne("SELECT " + COLUMNS + " FROM service_accounts WHERE is_system");
  }

  /** Inserts; false when a unique constraint (client id, the single system account) refused it. */
  public boolean insert(ServiceAccount a) {
    String sql =
        "INSERT INTO service_accounts ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, a.id());
      s.setString(2, a.name());
      s.setString(3, a.clientId());
      s.setString(4, a.secretHash());
      s.setString(5, a.role());
      s.setString(6, a.status().wireName());
      s.setBoolean(7, a.system());
      s.setInt(8, a.rateLimit());
      s.setTimestamp(9, timestamp(a.secretExpiresAt()));
      s.setString(10, a.description());
      s.setTimestamp(11, timestamp(a.createdAt()));
      s.setTimestamp(12, timestamp(a.updatedAt()));
      s.setTimestamp(13, timestamp(a.lastUsedAt()));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store service account " + a.clientId(), e);
    }
  }

  /**
   * Records a use, at most once a minute per account: the token endpoint must not pay a durable
   * write on every request.
   */
  public void touch(ServiceAccount a, Instant now) {
    if (a.lastUsedAt() != null && a.lastUsedAt().isAfter(now.minusSeconds(60))) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("UPDATE service_accounts SET last_used_at = ? WHERE id = ?")) {
      s.setTimestamp(1, timestamp(now));
      s.setObject(2, a.id());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot record the use of " + a.clientId(), e);
    }
  }

  private Optional<ServiceAccount> findOne(String sql, String... parameters) {
    return Jdbc.one(dataSource, sql, java.util.List.of(parameters), ServiceAccountRepository::map);
  }

  private static ServiceAccount map(ResultSet rs) throws SQLException {
    return new ServiceAccount(
        rs.getObject("id", java.util.UUID.class),
        rs.getString("name"),
        rs.getString("client_id"),
        rs.getString("secret_hash"),
        rs.getString("role"),
        AccountStatus.parse(rs.getString("status")).orElseThrow(),
        rs.getBoolean("is_system"),
        rs.getInt("rate_limit"),
        instant(rs.getTimestamp("secret_expires_at")),
        rs.getString("description"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        instant(rs.getTimestamp("last_used_at")));
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
