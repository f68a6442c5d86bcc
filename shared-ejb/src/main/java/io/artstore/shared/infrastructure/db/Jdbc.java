package io.artstore.shared.infrastructure.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The few JDBC shapes the repositories of admin and query repeat: a list, one row, a count, a LIKE
 * term.
 */
public final class Jdbc {
  private Jdbc() {}

  /** Maps the current row of a result set. */
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work inside one transaction. */
  public interface TransactionWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  public static <T> T inTransaction(DataSource ds, TransactionWork<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  public static <T> List<T> list(
      DataSource ds, String sql, List<?> parameters, RowMapper<T> mapper) {
    try (Connection c = ds.getConnection();
        PreparedStatement s = prepare(c, sql, parameters);
        ResultSet rs = s.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("Query failed: " + sql, e);
    }
  }

  public static <T> Optional<T> one(
      DataSource ds, String sql, List<?> parameters, RowMapper<T> mapper) {
    return list(ds, sql, parameters, mapper).stream().findFirst();
  }

  public static long count(DataSource ds, String sql, List<?> parameters) {
    return one(ds, sql, parameters, rs -> rs.getLong(1)).orElse(0L);
  }

  /** Runs one statement in its own (auto-committed) transaction; returns the rows it changed. */
  public static int update(DataSource ds, String sql, List<?> parameters) {
    try (Connection c = ds.getConnection();
        PreparedStatement s = prepare(c, sql, parameters)) {
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Statement failed: " + sql, e);
    }
  }

  /** A case-insensitive substring pattern for ILIKE, with the user's wildcards escaped. */
  public static String containsPattern(String term) {
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static PreparedStatement prepare(Connection c, String sql, List<?> parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      s.setObject(i + 1, parameters.get(i));
    }
    return s;
  }
}
