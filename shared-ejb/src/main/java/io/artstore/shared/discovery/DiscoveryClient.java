package io.artstore.shared.discovery;

import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.api.request.RequestIds;
import io.artstore.shared.config.Durations;
import io.artstore.shared.config.ServiceInfo;
import io.artstore.shared.infrastructure.redis.RedisConnection;
import io.artstore.shared.security.ServiceTokens;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Service discovery for the services that call storage elements (ingester, query; SPEC §4): holds
 * the current {@link DiscoverySnapshot} in memory and knows where it came from.
 *
 * <ul>
 *   <li>A dedicated managed thread subscribes to {@link DiscoverySnapshot#REDIS_CHANNEL} on a
 *       connection of its own and, once subscribed and on every message, reads {@link
 *       DiscoverySnapshot#REDIS_KEY}; it reconnects with back-off (1 s doubling to 30 s) when Redis
 *       goes away.
 *   <li>A refresher ({@code artstore.discovery.refresh-interval}, default 10 s) pings the
 *       subscription (a connection silent for three intervals is dropped and re-made) and, unless
 *       Redis answered recently with the snapshot held, reads the key itself, then asks admin's
 *       {@link DiscoverySnapshot#INTERNAL_PATH} with the service token; when both fail the held
 *       snapshot stays.
 *   <li>Every adopted snapshot is written atomically to {@code
 *       <ARTSTORE_DATA_DIR>/<service>/discovery-snapshot.json} ({@code
 *       artstore.discovery.snapshot-file}) and read back at start, before anything else answers.
 * </ul>
 *
 * Only a service with {@code artstore.discovery.enabled=true} starts any of it (ingester, query);
 * elsewhere the bean stays idle with source {@code none}. A newer version always wins, an older one
 * is never taken ({@link DiscoveryState#judge}).
 */
@ApplicationScoped
public class DiscoveryClient {
  private static final Logger LOG = Logger.getLogger(DiscoveryClient.class.getName());
  private final java.util.concurrent.atomic.AtomicLong lastForcedRefresh =
      new java.util.concurrent.atomic.AtomicLong();
  static final String FILE_NAME = "discovery-snapshot.json";
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(2);
  private static final long MAX_BACKOFF_MILLIS = 30_000;

  @Inject
  @ConfigProperty(name = "artstore.discovery.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "artstore.discovery.refresh-interval", defaultValue = "10s")
  String refreshInterval;

  @Inject
  @ConfigProperty(name = "artstore.discovery.snapshot-file")
  Optional<String> snapshotFile;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String dataDir;

  @Inject ServiceInfo serviceInfo;
  @Inject RedisConnection redis;
  @Inject ServiceTokens tokens;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  @Resource ManagedThreadFactory threadFactory;
  @Resource ManagedScheduledExecutorService scheduler;

  private volatile DiscoveryTracker tracker = new DiscoveryTracker(Duration.ZERO, s -> {});
  private volatile boolean running;
  private volatile Thread subscriber;
  private volatile Jedis subscription;
  private volatile JedisPubSub listener;
  private volatile boolean subscriptionFailing;
  private final Object persistLock = new Object();
  private ScheduledFuture<?> refresher;
  private Duration interval;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (enabled) {
      start();
    }
  }

  synchronized void start() {
    if (running) {
      return;
    }
    interval = Durations.parse(refreshInterval);
    if (interval.toMillis() < 100) {
      interval = Duration.ofMillis(100);
    }
    // Redis counts as recent while it answered within two intervals (one ping per interval).
    tracker = new DiscoveryTracker(interval.multipliedBy(2), this::persist);
    loadPersisted();
    registerMetrics();
    running = true;
    subscriber = threadFactory.newThread(this::subscribeLoop);
    subscriber.setName("artstore-discovery-subscriber");
    subscriber.setDaemon(true);
    subscriber.start();
    long millis = interval.toMillis();
    refresher =
        scheduler.scheduleWithFixedDelay(
            this::refresh, Math.min(millis, 2000), millis, TimeUnit.MILLISECONDS);
    LOG.info(
        () ->
            "Discovery started: subscribing to "
                + DiscoverySnapshot.REDIS_CHANNEL
                + " on "
                + redis.describe()
                + ", refresh every "
                + interval
                + ", snapshot file "
                + file());
  }

  // ---- the query API ------------------------------------------------------------------------

  /** Whether this service runs discovery ({@code artstore.discovery.enabled}). */
  public boolean enabled() {
    return enabled;
  }

  /** The snapshot held now (empty, version 0, when there is none). */
  public DiscoverySnapshot snapshot() {
    return tracker.state().snapshot();
  }

  public DiscoverySource source() {
    return tracker.state().source();
  }

  /** When the held snapshot was adopted or last confirmed by its source; empty with none. */
  public Optional<Instant> lastUpdated() {
    return Optional.ofNullable(tracker.state().lastUpdated());
  }

  /** Every registered element in the held snapshot, whatever its mode and status. */
  public List<DiscoveredElement> elements() {
    return snapshot().storageElements();
  }

  /**
   * The elements an upload may go to now ({@link DiscoveredElement#writable()}: online, mode {@code
   * edit} or {@code rw}), of the given mode when one is named, in the order to try them: priority
   * (lower first), then the most available capacity, then element id.
   */
  public List<DiscoveredElement> writableElements(String mode) {
    return writable(elements(), mode);
  }

  static List<DiscoveredElement> writable(List<DiscoveredElement> elements, String mode) {
    return elements.stream()
        .filter(DiscoveredElement::writable)
        .filter(e -> mode == null || mode.isBlank() || mode.equals(e.mode()))
        .sorted(
            Comparator.comparingInt(DiscoveredElement::priority)
                .thenComparing(
                    Comparator.comparingLong(DiscoveredElement::capacityAvailableBytes).reversed())
                .thenComparing(
                    DiscoveredElement::elementId, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /** The summary {@code GET /api/v1/status} shows. */
  public DiscoveryStatus status() {
    DiscoveryState state = tracker.state();
    return new DiscoveryStatus(
        state.source().label(),
        state.snapshot().version(),
        state.snapshot().storageElements().size(),
        ageSeconds(state, Instant.now()));
  }

  static Long ageSeconds(DiscoveryState state, Instant now) {
    return state.lastUpdated() == null
        ? null
        : Math.max(0, Duration.between(state.lastUpdated(), now).toSeconds());
  }

  /** Where the last adopted snapshot is persisted. */
  public Path file() {
    return snapshotFile
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(() -> Path.of(dataDir).resolve(serviceInfo.serviceName()).resolve(FILE_NAME))
        .toAbsolutePath();
  }

  // ---- the machinery -------------------------------------------------------------------------

  private void loadPersisted() {
    Path file = file();
    try {
      Optional<SnapshotFiles.Persisted> persisted = SnapshotFiles.read(file);
      if (persisted.isPresent()) {
        tracker.offer(
            persisted.get().snapshot(), DiscoverySource.DISK, persisted.get().writtenAt());
      } else {
        LOG.info(() -> "No persisted discovery snapshot at " + file + " yet");
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "Ignored the persisted discovery snapshot: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the snapshot held now (not necessarily the one just adopted: two threads adopting one
   * after the other must leave the newer one on disk, whichever writes last).
   */
  private void persist(DiscoverySnapshot adopted) {
    synchronized (persistLock) {
      DiscoverySnapshot current = tracker.state().snapshot();
      try {
        SnapshotFiles.write(file(), current);
      } catch (IOException | RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Could not persist discovery snapshot version " + current.version() + " to " + file(),
            e);
      }
    }
  }

  private void registerMetrics() {
    metrics.gauge("artstore_discovery_version", this, c -> c.snapshot().version());
    metrics.gauge("artstore_discovery_elements", this, c -> c.elements().size());
    for (DiscoverySource s : DiscoverySource.values()) {
      metrics.gauge(
          "artstore_discovery_source",
          this,
          c -> c.source() == s ? 1 : 0,
          new Tag("source", s.label()));
    }
  }

  /**
   * Asks the sources now instead of waiting for the next notification or refresh, for a caller that
   * found nothing usable in the snapshot held (it may be one change behind). At most once a second,
   * so that callers without any usable element do not hammer Redis or admin.
   */
  public void refreshNow() {
    long nowMillis = System.currentTimeMillis();
    long last = lastForcedRefresh.get();
    if (!enabled()
        || nowMillis - last < 1000
        || !lastForcedRefresh.compareAndSet(last, nowMillis)) {
      return;
    }
    Instant now = Instant.now();
    try {
      Optional<DiscoverySnapshot> fromRedis = fetchRedis();
      tracker.redisAnswered(now);
      if (fromRedis.isPresent()) {
        tracker.offer(fromRedis.get(), DiscoverySource.REDIS, now);
        return;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Discovery: Redis unavailable for a forced refresh", e);
    }
    try {
      fetchAdmin().ifPresent(s -> tracker.offer(s, DiscoverySource.ADMIN, now));
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "Discovery: admin unavailable for a forced refresh", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Redis's snapshot now, over the pooled client; empty when the key is not there. */
  Optional<DiscoverySnapshot> fetchRedis() {
    String json = redis.client().get(DiscoverySnapshot.REDIS_KEY);
    return json == null ? Optional.empty() : Optional.of(SnapshotFiles.parse(json));
  }

  /** Admin's registry, with this service's token. */
  Optional<DiscoverySnapshot> fetchAdmin() throws IOException, InterruptedException {
    if (!tokens.configured()) {
      throw new IOException("no service account configured to ask admin");
    }
    HttpResponse<String> response =
        tokens.call(
            token ->
                HttpRequest.newBuilder(
                        URI.create(tokens.adminUrl() + DiscoverySnapshot.INTERNAL_PATH))
                    .timeout(ADMIN_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .header(RequestIds.HEADER, RequestContext.currentOrNewId())
                    .GET()
                    .build());
    if (response.statusCode() != 200) {
      throw new IOException("admin answered HTTP " + response.statusCode());
    }
    return Optional.of(SnapshotFiles.parse(response.body()));
  }

  private void fromRedis() {
    Instant now = Instant.now();
    try {
      Optional<DiscoverySnapshot> snapshot = fetchRedis();
      tracker.redisAnswered(now);
      snapshot.ifPresent(s -> tracker.offer(s, DiscoverySource.REDIS, now));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not read " + DiscoverySnapshot.REDIS_KEY + ": " + e, e);
    }
  }

  void refresh() {
    try {
      Instant now = Instant.now();
      watchSubscription(now);
      tracker.refresh(now, this::fetchRedis, this::fetchAdmin);
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: keep it alive.
      LOG.log(Level.WARNING, "Discovery refresh failed", e);
    }
  }

  /** Pings a live subscription; drops one that has been silent for three intervals. */
  private void watchSubscription(Instant now) {
    JedisPubSub current = listener;
    Jedis connection = subscription;
    if (current == null || connection == null || !current.isSubscribed()) {
      return;
    }
    if (tracker.lastRedisContact().plus(interval.multipliedBy(3)).isBefore(now)) {
      LOG.warning("Discovery subscription silent for three refresh intervals: reconnecting");
      disconnect(connection);
      return;
    }
    try {
      current.ping();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Ping on the discovery subscription failed", e);
    }
  }

  private void subscribeLoop() {
    long backoff = 1000;
    while (running) {
      boolean subscribed = false;
      try (Jedis jedis = redis.dedicated()) {
        subscription = jedis;
        if (!running) {
          break;
        }
        Listener pubSub = new Listener();
        listener = pubSub;
        jedis.subscribe(pubSub, DiscoverySnapshot.REDIS_CHANNEL);
        subscribed = pubSub.everSubscribed;
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        tracker.redisLost();
        if (!subscriptionFailing) {
          LOG.warning(
              "Discovery subscription to "
                  + redis.describe()
                  + " failed ("
                  + e.getMessage()
                  + "); falling back to admin and the persisted snapshot, retrying with back-off");
        } else {
          LOG.fine(() -> "Discovery subscription still failing: " + e.getMessage());
        }
        subscriptionFailing = true;
      } finally {
        subscription = null;
        listener = null;
      }
      if (subscribed) {
        backoff = 1000;
      }
      if (!running) {
        break;
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
    LOG.fine("Discovery subscriber stopped");
  }

  private final class Listener extends JedisPubSub {
    volatile boolean everSubscribed;

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      everSubscribed = true;
      if (subscriptionFailing) {
        subscriptionFailing = false;
        LOG.info("Discovery subscription to " + redis.describe() + " restored");
      }
      tracker.redisAnswered(Instant.now());
      fromRedis();
    }

    @Override
    public void onMessage(String channel, String message) {
      tracker.redisAnswered(Instant.now());
      fromRedis();
    }

    @Override
    public void onPong(String pattern) {
      tracker.redisAnswered(Instant.now());
    }
  }

  private static void disconnect(Jedis connection) {
    try {
      connection.disconnect();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Closing the discovery subscription failed", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (refresher != null) {
      refresher.cancel(true);
    }
    Thread thread = subscriber;
    if (thread != null) {
      thread.interrupt();
      // Closing the socket ends the blocking subscribe; repeated in case the subscriber was just
      // (re)connecting when the first close came.
      for (int i = 0; i < 5 && thread.isAlive(); i++) {
        Jedis connection = subscription;
        if (connection != null) {
          disconnect(connection);
        }
        try {
          thread.join(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (thread.isAlive()) {
        LOG.warning("Discovery subscriber did not stop within 5 s");
      }
    }
    LOG.info("Discovery stopped");
  }
}
