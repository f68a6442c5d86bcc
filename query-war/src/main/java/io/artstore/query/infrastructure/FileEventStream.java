package io.artstore.query.infrastructure;

import io.artstore.query.domain.FileEvent;
import io.artstore.shared.infrastructure.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Admin's event stream ({@value #STREAM}) read through the consumer group {@value #GROUP}: each
 * event goes to one query replica and stays pending until that replica acknowledges it, so an event
 * is applied at least once even if a replica dies holding it (another claims it after {@link
 * #CLAIM_IDLE_MILLIS}).
 */
@ApplicationScoped
public class FileEventStream {
  public static final String STREAM = "artstore:events";
  public static final String GROUP = "query-index";
  static final long CLAIM_IDLE_MILLIS = 60_000;

  @Inject RedisConnection redis;

  private final String consumer = "query-" + ManagementFactory.getRuntimeMXBean().getName();

  /** A batch of events and the stream ids to acknowledge them by. */
  public record Delivery(StreamEntryID id, FileEvent event) {}

  public String consumerName() {
    return consumer;
  }

  /** A connection of its own for the blocking reads; the caller closes it. */
  public Jedis connect() {
    return redis.dedicated();
  }

  /**
   * Creates the consumer group at the end of the stream (creating the stream too) unless it exists:
   * true when it was created now, so events before it were never read by this group.
   */
  public boolean ensureGroup(Jedis jedis) {
    try {
      jedis.xgroupCreate(STREAM, GROUP, StreamEntryID.XGROUP_LAST_ENTRY, true);
      return true;
    } catch (JedisDataException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
        return false;
      }
      throw e;
    }
  }

  /**
   * This consumer's events: {@code pending} re-reads those delivered to it and not acknowledged
   * (after a failed apply or a restart); otherwise new ones. Never blocks in Redis: Jedis waits for
   * a blocking read without any socket timeout, so a Redis that stops answering (frozen, or cut off
   * without a reset) would hang the feed for good; a plain read fails after the connection's
   * timeout instead, and the caller polls.
   */
  public List<Delivery> read(Jedis jedis, boolean pending, int count) {
    XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
    List<Map.Entry<String, List<StreamEntry>>> answer =
        jedis.xreadGroup(
            GROUP,
            consumer,
            params,
            Map.of(
                STREAM,
                pending ? new StreamEntryID(0, 0) : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
    List<Delivery> deliveries = new ArrayList<>();
    if (answer == null) {
      return deliveries;
    }
    for (Map.Entry<String, List<StreamEntry>> stream : answer) {
      for (StreamEntry entry : stream.getValue()) {
        deliveries.add(new Delivery(entry.getID(), event(entry)));
      }
    }
    return deliveries;
  }

  /**
   * Takes over events another consumer of the group received and left unacknowledged for a minute
   * (a replica that died); they become this consumer's pending events.
   */
  public int claimAbandoned(Jedis jedis) {
    Map.Entry<StreamEntryID, List<StreamEntryID>> claimed =
        jedis.xautoclaimJustId(
            STREAM,
            GROUP,
            consumer,
            CLAIM_IDLE_MILLIS,
            new StreamEntryID(0, 0),
            new XAutoClaimParams().count(500));
    return claimed == null || claimed.getValue() == null ? 0 : claimed.getValue().size();
  }

  public void ack(Jedis jedis, StreamEntryID id) {
    jedis.xack(STREAM, GROUP, id);
  }

  /** Events of the stream not yet delivered to the group, or -1 when Redis does not say. */
  public long backlog(Jedis jedis) {
    try {
      Object lag =
          jedis.xinfoGroups(STREAM).stream()
              .filter(g -> GROUP.equals(g.getName()))
              .findFirst()
              .map(g -> g.getGroupInfo().get("lag"))
              .orElse(null);
      return lag instanceof Long n ? n : -1;
    } catch (JedisDataException e) {
      return -1;
    }
  }

  private static FileEvent event(StreamEntry entry) {
    Map<String, String> f = entry.getFields();
    long outboxId;
    try {
      outboxId = Long.parseLong(f.getOrDefault("outbox_id", "-1"));
    } catch (NumberFormatException e) {
      outboxId = -1;
    }
    Instant occurredAt;
    try {
      occurredAt = Instant.parse(f.get("occurred_at"));
    } catch (RuntimeException e) {
      occurredAt = Instant.ofEpochMilli(entry.getID().getTime());
    }
    return new FileEvent(
        outboxId, f.get("type"), f.get("aggregate_id"), f.get("payload"), occurredAt);
  }
}
