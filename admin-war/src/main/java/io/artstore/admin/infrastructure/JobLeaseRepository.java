package io.artstore.admin.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Leases of singleton jobs across admin replicas ({@code job_leases}): a replica takes or renews a
 * lease when it holds it already or the last holder's lease has expired. Times are the database's,
 * so replicas' clocks do not matter.
 */
@ApplicationScoped
public class JobLeaseRepository {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** Takes or renews the lease {@code name} for {@code holder}; true when it holds it now. */
  public boolean acquire(String name, String holder, Duration duration) {
    String sql =
        "INSERT INTO job_leases (name, holder, expires_at)"
            + " VALUES (?, ?, now() + make_interval(secs => ?))"
            + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder,"
            + " expires_at = EXCLUDED.expires_at"
            + " WHERE job_leases.holder = EXCLUDED.holder OR job_leases.expires_at < now()";
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, name);
      s.setString(2, holder);
      s.setDouble(3, duration.toMillis() / 1000.0);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot take the lease " + name, e);
    }
  }

  /** Gives the lease up (at shutdown), so another replica need not wait for it to expire. */
  public void release(String name, String holder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("DELETE FROM job_leases WHERE name = ? AND holder = ?")) {
      s.setString(1, name);
      s.setString(2, holder);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot release the lease " + name, e);
    }
  }
}
