package io.artstore.admin.application.events;

import io.artstore.shared.infrastructure.db.SchemaReady;
import io.artstore.shared.infrastructure.redis.RedisConnection;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/**
 * Publishes the event outbox to the Redis stream {@value #STREAM} (SPEC §4): rows in id order, each
 * marked published only after Redis took it, so a Redis outage delays events and never loses them
 * (at least once: consumers deduplicate by {@code outbox_id}). One admin replica relays at a time
 * (a PostgreSQL advisory lock per pass); the pass runs twice a second.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
  public static final String STREAM = "artstore:events";
  private static final long RELAY_LOCK = 0x41525453_4f555442L; // "ARTSOUTB"
  private static final int BATCH = 200;

  /** The stream keeps about this many recent events (approximate trimming). */
  private static final long STREAM_MAX_LENGTH = 1_000_000;

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject RedisConnection redis;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final AtomicLong pending = new AtomicLong();
  private volatile boolean redisWasDown;
  private ScheduledFuture<?> task;

  void start(@Observes SchemaReady ready) {
    if (task != null) {
      return;
    }
    metrics.gauge("artstore_outbox_pending_events", pending, AtomicLong::get);
    task = scheduler.scheduleWithFixedDelay(this::relaySafely, 1, 500, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }

  private void relaySafely() {
    try {
      relay();
    } catch (RuntimeException | SQLException e) {
      LOG.log(Level.FINE, "Outbox relay pass failed; retried in 500 ms", e);
    }
  }

  /** One pass: publishes up to a batch; returns how many were published. */
  public int relay() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)");
            ResultSet rs = lockResult(lock)) {
          if (!rs.next() || !rs.getBoolean(1)) {
            c.commit();
            return 0; // another replica relays
          }
        }
        List<Long> published = new ArrayList<>();
        try (PreparedStatement select =
            c.prepareStatement(
                "SELECT id, event_type, aggregate_id, payload::text, occurred_at FROM"
                    + " event_outbox WHERE published_at IS NULL ORDER BY id LIMIT "
                    + BATCH)) {
          try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              Map<String, String> fields = new LinkedHashMap<>();
              fields.put("outbox_id", Long.toString(rs.getLong(1)));
              fields.put("type", rs.getString(2));
              fields.put("aggregate_id", rs.getString(3));
              fields.put("payload", rs.getString(4));
              fields.put("occurred_at", rs.getTimestamp(5).toInstant().toString());
              if (!publish(fields)) {
                break;
              }
              published.add(rs.getLong(1));
            }
          }
        }
        if (!published.isEmpty()) {
          try (PreparedStatement mark =
              c.prepareStatement(
                  "UPDATE event_outbox SET published_at = now(), attempts = attempts + 1 WHERE id"
                      + " = ANY(?)")) {
            Array ids = c.createArrayOf("bigint", published.toArray());
            mark.setArray(1, ids);
            mark.executeUpdate();
          }
        }
        try (PreparedStatement count =
                c.prepareStatement("SELECT count(*) FROM event_outbox WHERE published_at IS NULL");
            ResultSet rs = count.executeQuery()) {
          rs.next();
          pending.set(rs.getLong(1));
        }
        c.commit();
        if (!published.isEmpty()) {
          metrics.counter("artstore_outbox_published_events").inc(published.size());
        }
        return published.size();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static ResultSet lockResult(PreparedStatement lock) throws SQLException {
    lock.setLong(1, RELAY_LOCK);
    return lock.executeQuery();
  }

  private boolean publish(Map<String, String> fields) {
    try {
      redis
          .client()
          .xadd(
              STREAM,
              XAddParams.xAddParams()
                  .id(StreamEntryID.NEW_ENTRY)
                  .maxLen(STREAM_MAX_LENGTH)
                  .approximateTrimming(),
              fields);
      if (redisWasDown) {
        redisWasDown = false;
        LOG.info("Redis is back: relaying the event outbox again");
      }
      return true;
    } catch (RuntimeException e) {
      if (!redisWasDown) {
        redisWasDown = true;
        LOG.warning(() -> "Redis unavailable; events wait in the outbox: " + e);
      }
      return false;
    }
  }
}
