package io.artstore.admin.infrastructure;

import io.artstore.admin.domain.user.AdminUser;
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

/** Admin users and revoked refresh tokens in admin's schema. */
@ApplicationScoped
public class AdminUserRepository {
  private static final String COLUMNS =
      "id, username, password_hash, role, status, is_system, failed_logins, locked_until,"
          + " password_changed_at, last_login_at, created_at, updated_at";

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** Filters of the user list; null means "any" (deleted users only when asked for). */
  public record Filter(String role, String status, String search) {}

  public Optional<AdminUser> findByUsername(String username) {
    return one("SELECT " + COLUMNS + " FROM admin_users WHERE username = ?", username);
  }

  public Optional<AdminUser> findById(UUID id) {
    return one("SELECT " + COLUMNS + " FROM admin_users WHERE id = ?::uuid", id.toString());
  }

  public Optional<AdminUser> findSystemUser() {
    return one("SELECT " + COLUMNS + " FROM admin_users WHERE is_system");
  }

  public boolean insert(AdminUser u) {
    String sql =
        "INSERT INTO admin_users ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, u.id());
      s.setString(2, u.username());
      s.setString(3, u.passwordHash());
      s.setString(4, u.role());
      s.setString(5, u.status());
      s.setBoolean(6, u.system());
      s.setInt(7, u.failedLogins());
      s.setTimestamp(8, ts(u.lockedUntil()));
      s.setTimestamp(9, ts(u.passwordChangedAt()));
      s.setTimestamp(10, ts(u.lastLoginAt()));
      s.setTimestamp(11, ts(u.createdAt()));
      s.setTimestamp(12, ts(u.updatedAt()));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot store admin user " + u.username(), e);
    }
  }

  public void update(AdminUser u) {
    String sql =
        "UPDATE admin_users SET password_hash = ?, role = ?, status = ?, failed_logins = ?, locked_until = ?,"
            + " password_changed_at = ?, last_login_at = ?, updated_at = ? WHERE id = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, u.passwordHash());
      s.setString(2, u.role());
      s.setString(3, u.status());
      s.setInt(4, u.failedLogins());
      s.setTimestamp(5, ts(u.lockedUntil()));
      s.setTimestamp(6, ts(u.passwordChangedAt()));
      s.setTimestamp(7, ts(u.lastLoginAt()));
      s.setTimestamp(8, ts(u.updatedAt()));
      s.setObject(9, u.id());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update admin user " + u.username(), e);
    }
  }

  public List<AdminUser> list(Filter f, int limit, long offset) {
    List<String> parameters = new ArrayList<>();
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM admin_users"
            + where(f, parameters)
            + " ORDER BY username LIMIT "
            + limit
            + " OFFSET "
            + offset;
    return Jdbc.list(dataSource, sql, parameters, AdminUserRepository::map);
  }

  public long count(Filter f) {
    List<String> parameters = new ArrayList<>();
    return Jdbc.count(
        dataSource, "SELECT count(*) FROM admin_users" + where(f, parameters), parameters);
  }

  /** Marks a refresh token as used up; false when it already was (a replay). */
  public boolean revokeRefreshToken(String jti, Instant expiresAt) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO revoked_refresh_tokens (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
      s.setString(1, jti);
      s.setTimestamp(2, ts(expiresAt));
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot revoke a refresh token", e);
    }
  }

  private static String where(Filter f, List<String> parameters) {
    List<String> clauses = new ArrayList<>();
    if (f.role() != null) {
      clauses.add("role = ?");
      parameters.add(f.role());
    }
    if (f.status() == null) {
      clauses.add("status <> 'deleted'");
    } else {
      clauses.add("status = ?");
      parameters.add(f.status());
    }
    if (f.search() != null) {
      clauses.add("username ILIKE ?");
      parameters.add(Jdbc.containsPattern(f.search()));
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private Optional<AdminUser> one(String sql, String... parameters) {
    return Jdbc.one(dataSource, sql, List.of(parameters), AdminUserRepository::map);
  }

  private static AdminUser map(ResultSet rs) throws SQLException {
    return new AdminUser(
        rs.getObject("id", UUID.class),
        rs.getString("username"),
        rs.getString("password_hash"),
        rs.getString("role"),
        rs.getString("status"),
        rs.getBoolean("is_system"),
        rs.getInt("failed_logins"),
        instant(rs.getTimestamp("locked_until")),
        instant(rs.getTimestamp("password_changed_at")),
        instant(rs.getTimestamp("last_login_at")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")));
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
