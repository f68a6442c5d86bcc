package io.artstore.admin.infrastructure;

import io.artstore.admin.domain.audit.AuditChain;
import io.artstore.admin.domain.audit.AuditEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** {@code audit_events}: appended in chained batches, read in pages, walked for verification. */
@ApplicationScoped
public class AuditRepository {
  private static final long CHAIN_LOCK = 0x41525453_41554454L; // "ARTSAUDT"

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** A stored record with its place in the chain. */
  public record Stored(long seq, AuditEvent event, String prevMac, String mac) {}

  /** Filters of the audit list; null means "any". */
  public record Filter(String action, String actor, String result, Instant from, Instant to) {}

  /**
   * Appends {@code events} in order, in one transaction that holds the chain lock, so replicas
   * never fork the chain.
   */
  public void append(List<AuditEvent> events, AuditChain chain) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
          lock.setLong(1, CHAIN_LOCK);
          lock.execute();
        }
        String previous = AuditChain.GENESIS;
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT mac FROM audit_events ORDER BY seq DESC LIMIT 1")) {
          if (rs.next()) {
            previous = rs.getString(1);
          }
        }
        try (PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO audit_events (id, occurred_at, actor, actor_type, action, resource, result,"
                    + " request_id, details, prev_mac, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          for (AuditEvent e : events) {
            String mac = chain.mac(e, previous);
            insert.setObject(1, e.id());
            insert.setTimestamp(2, Timestamp.from(e.occurredAt()));
            insert.setString(3, e.actor());
            insert.setString(4, e.actorType());
            insert.setString(5, e.action());
            insert.setString(6, e.resource());
            insert.setString(7, e.result());
            insert.setString(8, e.requestId());
            insert.setString(9, e.details());
            insert.setString(10, previous);
            insert.setString(11, mac);
            insert.addBatch();
            previous = mac;
          }
          insert.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  public List<Stored> list(Filter filter, int limit, long offset) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT * FROM audit_events"
            + where(filter, parameters)
            + " ORDER BY seq DESC LIMIT "
            + limit
            + " OFFSET "
            + offset;
    List<Stored> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = prepare(c, sql, parameters);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.add(map(rs));
      }
    }
    return out;
  }

  public long count(Filter filter) throws SQLException {
    List<Object> parameters = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            prepare(
                c, "SELECT count(*) FROM audit_events" + where(filter, parameters), parameters);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Every record in chain order, streamed (a cursor, not the whole log in memory). */
  public void walk(Consumer<Stored> visitor) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement s = c.prepareStatement("SELECT * FROM audit_events ORDER BY seq")) {
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery()) {
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

  private static String where(Filter f, List<Object> parameters) {
    List<String> clauses = new ArrayList<>();
    if (f.action() != null) {
      clauses.add("action = ?");
      parameters.add(f.action());
    }
    if (f.actor() != null) {
      clauses.add("actor = ?");
      parameters.add(f.actor());
    }
    if (f.result() != null) {
      clauses.add("result = ?");
      parameters.add(f.result());
    }
    if (f.from() != null) {
      clauses.add("occurred_at >= ?");
      parameters.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      clauses.add("occurred_at < ?");
      parameters.add(Timestamp.from(f.to()));
    }
    return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
  }

  private static PreparedStatement prepare(Connection c, String sql, List<Object> parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      s.setObject(i + 1, parameters.get(i));
    }
    return s;
  }

  private static Stored map(ResultSet rs) throws SQLException {
    AuditEvent event =
        new AuditEvent(
            rs.getObject("id", UUID.class),
            rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("actor"),
            rs.getString("actor_type"),
            rs.getString("action"),
            rs.getString("resource"),
            rs.getString("result"),
            rs.getString("request_id"),
            rs.getString("details"));
    return new Stored(rs.getLong("seq"), event, rs.getString("prev_mac"), rs.getString("mac"));
  }
}
