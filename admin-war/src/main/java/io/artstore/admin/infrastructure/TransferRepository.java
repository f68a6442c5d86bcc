package io.artstore.admin.infrastructure;

import io.artstore.admin.domain.transfer.ItemState;
import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code transfers}, {@code transfer_items} and {@code transfer_removals}. Outside a transfer's XA
 * transaction through {@code jdbc/artstore}; inside it (the item's outcome, the pending removal of
 * the source's copy) on the caller's XA connection, so they commit or roll back with the registry.
 */
@ApplicationScoped
public class TransferRepository {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** One file of a transfer. */
  public record Item(
      int position,
      UUID fileId,
      String sourceElementId,
      String targetElementId,
      ItemState state,
      String errorCode,
      String errorDetail,
      String branchId,
      Instant updatedAt) {}

  /** A transfer with its items. */
  public record Transfer(
      UUID transferId,
      String kind,
      String targetElementId,
      String requestedById,
      String requestedByName,
      String coordinator,
      Instant createdAt,
      Instant finishedAt,
      List<Item> items) {}

  /** A copy a committed transfer left on its source. */
  public record Removal(UUID fileId, String sourceElementId, UUID transferId, int attempts) {}

  public void create(
      UUID transferId,
      String kind,
      String targetElementId,
      String requestedById,
      String requestedByName,
      String coordinator,
      List<UUID> fileIds) {
    try {
      Jdbc.inTransaction(
          dataSource,
          c -> {
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO transfers (transfer_id, kind, target_element_id,"
                        + " requested_by_id, requested_by_name, coordinator) VALUES (?, ?, ?, ?,"
                        + " ?, ?)")) {
              s.setObject(1, transferId);
              s.setString(2, kind);
              s.setString(3, targetElementId);
              s.setString(4, requestedById);
              s.setString(5, requestedByName);
              s.setString(6, coordinator);
              s.executeUpdate();
            }
            try (PreparedStatement s =
                c.prepareStatement(
                    "INSERT INTO transfer_items (transfer_id, position, file_id, state) VALUES"
                        + " (?, ?, ?, 'pending')")) {
              for (int i = 0; i < fileIds.size(); i++) {
                s.setObject(1, transferId);
                s.setInt(2, i);
                s.setObject(3, fileIds.get(i));
                s.addBatch();
              }
              s.executeBatch();
            }
            return null;
          });
    } catch (SQLException e) {
      throw new IllegalStateException("Transfer not recorded", e);
    }
  }

  /** Records an item's progress or outcome outside its XA transaction. */
  public void update(
      UUID transferId,
      int position,
      ItemState state,
      String sourceElementId,
      String targetElementId,
      String errorCode,
      String errorDetail,
      String branchId) {
    Jdbc.update(
        dataSource,
        "UPDATE transfer_items SET state = ?, source_element_id = COALESCE(?, source_element_id),"
            + " target_element_id = COALESCE(?, target_element_id), error_code = ?, error_detail"
            + " = ?, branch_id = COALESCE(?, branch_id), updated_at = now() WHERE transfer_id = ?"
            + " AND position = ? AND state NOT IN ('committed')",
        java.util.Arrays.asList(
            state.wireName(),
            sourceElementId,
            targetElementId,
            errorCode,
            errorDetail,
            branchId,
            transferId,
            position));
  }

  /** The item's commit, on the transfer's XA connection: visible exactly when the switch is. */
  public static void committed(Connection xa, UUID transferId, int position, String branchId)
      throws SQLException {
    try (PreparedStatement s =
        xa.prepareStatement(
            "UPDATE transfer_items SET state = 'committed', error_code = NULL, error_detail ="
                + " NULL, branch_id = ?, updated_at = now() WHERE transfer_id = ? AND position ="
                + " ?")) {
      s.setString(1, branchId);
      s.setObject(2, transferId);
      s.setInt(3, position);
      s.executeUpdate();
    }
  }

  /** The source's copy to remove once the source allows it, on the transfer's XA connection. */
  public static void removeLater(
      Connection xa, UUID fileId, String sourceElementId, UUID transferId) throws SQLException {
    try (PreparedStatement s =
        xa.prepareStatement(
            "INSERT INTO transfer_removals (file_id, source_element_id, transfer_id) VALUES (?,"
                + " ?, ?) ON CONFLICT (file_id, source_element_id) DO UPDATE SET transfer_id ="
                + " EXCLUDED.transfer_id, committed_at = now(), attempts = 0, last_error = NULL,"
                + " removed_at = NULL")) {
      s.setObject(1, fileId);
      s.setString(2, sourceElementId);
      s.setObject(3, transferId);
      s.executeUpdate();
    }
  }

  public void finishIfDone(UUID transferId) {
    Jdbc.update(
        dataSource,
        "UPDATE transfers SET finished_at = now() WHERE transfer_id = ? AND finished_at IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM transfer_items i WHERE i.transfer_id = ? AND"
            + " i.state IN ('pending', 'staging'))",
        List.of(transferId, transferId));
  }

  public Optional<Transfer> find(UUID transferId) {
    Optional<Transfer> head =
        Jdbc.one(
            dataSource,
            "SELECT transfer_id, kind, target_element_id, requested_by_id, requested_by_name,"
                + " coordinator, created_at, finished_at FROM transfers WHERE transfer_id = ?",
            List.of(transferId),
            rs ->
                new Transfer(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    instant(rs, 7),
                    instant(rs, 8),
                    List.of()));
    return head.map(
        t ->
            new Transfer(
                t.transferId(),
                t.kind(),
                t.targetElementId(),
                t.requestedById(),
                t.requestedByName(),
                t.coordinator(),
                t.createdAt(),
                t.finishedAt(),
                items(transferId)));
  }

  private List<Item> items(UUID transferId) {
    return Jdbc.list(
        dataSource,
        "SELECT position, file_id, source_element_id, target_element_id, state, error_code,"
            + " error_detail, branch_id, updated_at FROM transfer_items WHERE transfer_id = ?"
            + " ORDER BY position",
        List.of(transferId),
        TransferRepository::item);
  }

  /** An unfinished item of a transfer, with the coordinator (run) that owns it. */
  public record OpenItem(UUID transferId, String coordinator, Item item) {}

  /**
   * Unfinished items of coordinators that are gone: earlier runs, or replicas whose liveness lease
   * ({@code transfer-coordinator:<run>} in {@code job_leases}) expired.
   */
  public List<OpenItem> openItemsNotOf(String coordinator) {
    return Jdbc.list(
        dataSource,
        "SELECT i.position, i.file_id, i.source_element_id, i.target_element_id, i.state,"
            + " i.error_code, i.error_detail, i.branch_id, i.updated_at, t.transfer_id,"
            + " t.coordinator FROM transfer_items i JOIN transfers t USING (transfer_id) WHERE"
            + " i.state IN ('pending', 'staging') AND t.coordinator <> ? AND NOT EXISTS (SELECT 1"
            + " FROM job_leases l WHERE l.name = 'transfer-coordinator:' || t.coordinator AND"
            + " l.expires_at > now()) ORDER BY i.updated_at LIMIT 500",
        List.of(coordinator),
        rs -> new OpenItem(rs.getObject(10, UUID.class), rs.getString(11), item(rs)));
  }

  /** Transactions PostgreSQL holds prepared (in doubt) in this database. */
  public long preparedTransactions() {
    return Jdbc.count(
        dataSource,
        "SELECT count(*) FROM pg_prepared_xacts WHERE database = current_database()",
        List.of());
  }

  /**
   * Commits the registry's prepared transaction of a global transaction whose outcome is commit but
   * whose commit PostgreSQL never heard (its connection died as it was told; the JDBC driver
   * reports that as XAER_RMERR, which Liberty's transaction manager treats as a heuristic hazard
   * and does not retry). The prepared transaction's gid is the driver's {@code <formatId>_<base64
   * gtrid>_<base64 bqual>}. Returns how many were committed.
   */
  public int commitPrepared(int formatId, byte[] globalTransactionId) {
    String prefix =
        formatId + "_" + java.util.Base64.getEncoder().encodeToString(globalTransactionId) + "_";
    List<String> gids =
        Jdbc.list(
            dataSource,
            "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND"
                + " starts_with(gid, ?)",
            List.of(prefix),
            rs -> rs.getString(1));
    int committed = 0;
    for (String gid : gids) {
      // COMMIT PREPARED takes no parameters; the gid is PostgreSQL's own, quoted as a literal.
      Jdbc.update(dataSource, "COMMIT PREPARED '" + gid.replace("'", "''") + "'", List.of());
      committed++;
    }
    return committed;
  }

  public List<Removal> pendingRemovals(int limit) {
    return Jdbc.list(
        dataSource,
        "SELECT file_id, source_element_id, transfer_id, attempts FROM transfer_removals WHERE"
            + " removed_at IS NULL ORDER BY committed_at LIMIT ?",
        List.of(limit),
        rs ->
            new Removal(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getInt(4)));
  }

  public void removed(Removal r) {
    Jdbc.update(
        dataSource,
        "UPDATE transfer_removals SET removed_at = now(), last_error = NULL WHERE file_id = ?"
            + " AND source_element_id = ?",
        List.of(r.fileId(), r.sourceElementId()));
  }

  public void removalFailed(Removal r, String error) {
    Jdbc.update(
        dataSource,
        "UPDATE transfer_removals SET attempts = attempts + 1, last_error = ? WHERE file_id = ?"
            + " AND source_element_id = ?",
        List.of(error, r.fileId(), r.sourceElementId()));
  }

  private static Item item(ResultSet rs) throws SQLException {
    return new Item(
        rs.getInt(1),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        ItemState.parse(rs.getString(5)).orElseThrow(),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        instant(rs, 9));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
