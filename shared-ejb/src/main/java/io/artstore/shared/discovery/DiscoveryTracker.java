package io.artstore.shared.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The decisions of discovery, free of Redis, HTTP and files so that they can be tested with fakes:
 * which snapshot is held (see {@link DiscoveryState#judge}), whether Redis answered recently, and
 * the fallback chain of one refresh (Redis, then admin, then keep what is held). Thread-safe: the
 * subscriber thread and the refresher both offer snapshots.
 */
public class DiscoveryTracker {
  private static final Logger LOG = Logger.getLogger(DiscoveryTracker.class.getName());

  /** One source's answer: empty when the source has no snapshot; throws when unreachable. */
  @FunctionalInterface
  public interface Fetch {
    Optional<DiscoverySnapshot> fetch() throws Exception;
  }

  private final AtomicReference<DiscoveryState> state =
      new AtomicReference<>(DiscoveryState.none());
  private final Duration freshness;
  private final Consumer<DiscoverySnapshot> onAdopted;
  private volatile Instant lastRedisContact = Instant.EPOCH;

  /**
   * @param freshness how long an answer from Redis (subscription, message, pong, GET) counts as
   *     "recent"
   * @param onAdopted called (outside any lock, on the offering thread) with every newly adopted
   *     snapshot, to persist it
   */
  public DiscoveryTracker(Duration freshness, Consumer<DiscoverySnapshot> onAdopted) {
    this.freshness = freshness;
    this.onAdopted = onAdopted;
  }

  public DiscoveryState state() {
    return state.get();
  }

  /** Offers a snapshot from one source; adopts it if the rules say so. */
  public DiscoveryState.Outcome offer(
      DiscoverySnapshot snapshot, DiscoverySource from, Instant now) {
    DiscoveryState.Outcome outcome;
    DiscoveryState before;
    DiscoveryState after;
    synchronized (this) {
      before = state.get();
      outcome = before.judge(snapshot, from);
      after = before.apply(outcome, snapshot, from, now);
      state.set(after);
    }
    switch (outcome) {
      case ADOPTED -> {
        LOG.info(
            () ->
                "Discovery snapshot version "
                    + snapshot.version()
                    + " ("
                    + snapshot.storageElements().size()
                    + " element(s)) adopted from "
                    + from.label()
                    + (before.source() == DiscoverySource.NONE
                        ? ""
                        : "; was version " + before.snapshot().version()));
        if (from != DiscoverySource.DISK) {
          onAdopted.accept(snapshot);
        }
      }
      case CONFIRMED -> {
        if (before.source() != from) {
          LOG.info(
              () ->
                  "Discovery snapshot version "
                      + snapshot.version()
                      + " now confirmed by "
                      + from.label()
                      + " (was "
                      + before.source().label()
                      + ")");
        }
      }
      case IGNORED -> {
        if (snapshot.version() < before.snapshot().version()) {
          LOG.fine(
              () ->
                  "Ignored discovery snapshot version "
                      + snapshot.version()
                      + " from "
                      + from.label()
                      + ": version "
                      + before.snapshot().version()
                      + " is held");
        }
      }
    }
    return outcome;
  }

  /** Redis answered (subscription confirmed, a message, a pong, a GET). */
  public void redisAnswered(Instant now) {
    lastRedisContact = now;
  }

  /** The subscription broke: Redis no longer counts as recent. */
  public void redisLost() {
    lastRedisContact = Instant.EPOCH;
  }

  public Instant lastRedisContact() {
    return lastRedisContact;
  }

  /** Redis answered within the freshness window. */
  public boolean redisRecent(Instant now) {
    return !lastRedisContact.plus(freshness).isBefore(now);
  }

  /**
   * One refresh: nothing while Redis answered recently and is the source of what is held; otherwise
   * Redis's key now, then admin when Redis is down or has no snapshot; when both fail the held
   * snapshot stays (source and age unchanged, so its staleness shows).
   *
   * @return the source that answered with a snapshot, or empty when none did (or none was asked)
   */
  public Optional<DiscoverySource> refresh(Instant now, Fetch redis, Fetch admin) {
    if (redisRecent(now) && state().source() == DiscoverySource.REDIS) {
      return Optional.empty();
    }
    try {
      Optional<DiscoverySnapshot> fromRedis = redis.fetch();
      redisAnswered(now);
      if (fromRedis.isPresent()) {
        offer(fromRedis.get(), DiscoverySource.REDIS, now);
        return Optional.of(DiscoverySource.REDIS);
      }
      LOG.fine("Redis holds no discovery snapshot yet; asking admin");
    } catch (Exception e) {
      interrupted(e);
      LOG.log(Level.FINE, "Discovery: Redis unavailable, asking admin", e);
    }
    try {
      Optional<DiscoverySnapshot> fromAdmin = admin.fetch();
      if (fromAdmin.isPresent()) {
        offer(fromAdmin.get(), DiscoverySource.ADMIN, now);
        return Optional.of(DiscoverySource.ADMIN);
      }
    } catch (Exception e) {
      interrupted(e);
      LOG.log(
          Level.FINE,
          "Discovery: admin unavailable too; keeping "
              + state().source().label()
              + " version "
              + state().snapshot().version(),
          e);
    }
    return Optional.empty();
  }

  private static void interrupted(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }
}
