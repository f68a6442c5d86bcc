package io.artstore.query.application;

import io.artstore.query.domain.FileEvent;
import io.artstore.query.infrastructure.FileEventStream;
import io.artstore.shared.infrastructure.db.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.Jedis;

/**
 * Keeps the search index current (SPEC §6): one thread per replica reads admin's event stream
 * through the consumer group, applies each event and only then acknowledges it. An event whose
 * apply fails stays pending and is read again first; a Redis outage pauses the feed (admin keeps
 * the events in its outbox meanwhile) and it resumes where it stopped. When the group had to be
 * created (first start, or a Redis that lost its data) the events before it were never read, so the
 * index is rebuilt from the registry.
 */
@ApplicationScoped
public class IndexFeed {
  private static final Logger LOG = Logger.getLogger(IndexFeed.class.getName());
  private static final int BATCH = 200;

  /** Pause between reads that found nothing new: the feed's added latency at most. */
  private static final long IDLE_POLL_MILLIS = 50;

  private static final Duration CLAIM_EVERY = Duration.ofSeconds(30);

  @Resource ManagedThreadFactory threadFactory;

  @Inject FileEventStream stream;
  @Inject IndexUpdater updater;
  @Inject IndexRebuild rebuild;
  @Inject QueryMetrics metrics;

  private volatile boolean running;
  private volatile Thread thread;
  private volatile Jedis connection;
  private volatile boolean connected;

  /** When the oldest event not yet applied happened; 0 when caught up. */
  private final AtomicLong behindSinceMillis = new AtomicLong();

  private final AtomicLong applied = new AtomicLong();

  synchronized void start(@Observes SchemaReady ready) {
    if (running) {
      return;
    }
    running = true;
    metrics.gauge("artstore_query_index_lag_seconds", this::lagSeconds);
    metrics.gauge("artstore_query_index_feed_connected", () -> connected ? 1 : 0);
    thread = threadFactory.newThread(this::loop);
    thread.setName("artstore-index-feed");
    thread.setDaemon(true);
    thread.start();
  }

  /** Seconds between now and the oldest event read but not applied yet (0 when caught up). */
  public double lagSeconds() {
    long since = behindSinceMillis.get();
    return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
  }

  public boolean connected() {
    return connected;
  }

  public long applied() {
    return applied.get();
  }

  private void loop() {
    long backoff = 250;
    while (running) {
      try (Jedis jedis = stream.connect()) {
        connection = jedis;
        if (stream.ensureGroup(jedis)) {
          LOG.info("Created the consumer group of the search index; rebuilding from the registry");
          rebuild.request("consumer group created");
        }
        connected = true;
        backoff = 250;
        consume(jedis);
      } catch (RuntimeException e) {
        connected = false;
        if (!running) {
          break;
        }
        LOG.log(
            Level.FINE,
            "Event feed interrupted (" + e + "); reconnecting in " + backoff + " ms",
            e);
        sleep(backoff);
        backoff = Math.min(5000, backoff * 2);
      } finally {
        connection = null;
      }
    }
    connected = false;
  }

  private void consume(Jedis jedis) {
    boolean pending = true; // first whatever this consumer holds from before
    Instant nextClaim = Instant.now();
    while (running) {
      if (Instant.now().isAfter(nextClaim)) {
        if (stream.claimAbandoned(jedis) > 0) {
          pending = true;
        }
        nextClaim = Instant.now().plus(CLAIM_EVERY);
      }
      List<FileEventStream.Delivery> batch = stream.read(jedis, pending, BATCH);
      if (batch.isEmpty()) {
        behindSinceMillis.set(0);
        if (pending) {
          pending = false;
        } else {
          sleep(IDLE_POLL_MILLIS);
        }
        continue;
      }
      behindSinceMillis.compareAndSet(0, batch.get(0).event().occurredAt().toEpochMilli());
      for (FileEventStream.Delivery delivery : batch) {
        if (!applyOne(delivery.event())) {
          // Left pending: read again (with everything after it) once the database answers.
          pending = true;
          sleep(1000);
          break;
        }
        stream.ack(jedis, delivery.id());
        applied.incrementAndGet();
      }
      behindSinceMillis.set(0);
    }
  }

  private boolean applyOne(FileEvent event) {
    try {
      updater.apply(event);
      return true;
    } catch (IndexUpdater.UnusableEvent e) {
      LOG.warning(() -> "Skipping event " + event.outboxId() + ": " + e.getMessage());
      metrics.eventApplied(event.type(), "unusable");
      return true;
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Event " + event.outboxId() + " (" + event.type() + ") not applied; retrying: " + e,
          LOG.isLoggable(Level.FINE) ? e : null);
      metrics.eventApplied(event.type(), "failed");
      return false;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  synchronized void stop() {
    running = false;
    Thread t = thread;
    if (t == null) {
      return;
    }
    t.interrupt();
    Jedis c = connection;
    if (c != null) {
      try {
        c.disconnect();
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Closing the event feed's connection", e);
      }
    }
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
