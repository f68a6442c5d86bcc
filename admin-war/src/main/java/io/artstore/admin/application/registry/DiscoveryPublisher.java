package io.artstore.admin.application.registry;

import io.artstore.admin.domain.registry.ElementStatus;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.config.Durations;
import io.artstore.shared.discovery.DiscoveredElement;
import io.artstore.shared.discovery.DiscoverySnapshot;
import io.artstore.shared.infrastructure.db.SchemaReady;
import io.artstore.shared.infrastructure.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Publishes the registry for service discovery (SPEC §4): the {@link DiscoverySnapshot} as JSON
 * under {@link DiscoverySnapshot#REDIS_KEY} and its version on {@link
 * DiscoverySnapshot#REDIS_CHANNEL}, after every change (asynchronously, coalesced), after every
 * health-sync pass and at least every {@code artstore.registry.discovery-publish-interval} (60 s).
 *
 * <p>The key is replaced by one Lua script that refuses to go back to an older version (two admin
 * replicas may publish concurrently). Redis being down never fails a registry call: the failure is
 * logged once at WARNING (then FINE until Redis is back) and the next publish tries again; readers
 * fall back to {@code GET /api/v1/internal/storage-elements}.
 */
@ApplicationScoped
public class DiscoveryPublisher {
  private static final Logger LOG = Logger.getLogger(DiscoveryPublisher.class.getName());

  /** SET the snapshot and PUBLISH its version unless the stored one is newer. */
  static final String PUBLISH_SCRIPT =
      "local current = redis.call('GET', KEYS[1]) "
          + "if current then "
          + "  local ok, decoded = pcall(cjson.decode, current) "
          + "  if ok and type(decoded) == 'table' and tonumber(decoded['version']) "
          + "     and tonumber(decoded['version']) > tonumber(ARGV[2]) then return 0 end "
          + "end "
          + "redis.call('SET', KEYS[1], ARGV[1]) "
          + "redis.call('PUBLISH', KEYS[2], ARGV[2]) "
          + "return 1";

  @Inject StorageElementRepository repository;
  @Inject RedisConnection redis;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "artstore.registry.discovery-publish-interval", defaultValue = "60s")
  String interval;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final AtomicBoolean pending = new AtomicBoolean();
  private final Map<ElementStatus, Long> counts = new EnumMap<>(ElementStatus.class);
  private volatile boolean redisDown;
  private volatile DiscoverySnapshot last = DiscoverySnapshot.empty();
  private Counter published;
  private ScheduledFuture<?> periodic;

  @PostConstruct
  void registerMetrics() {
    published = metrics.counter("artstore_discovery_published");
    for (ElementStatus status : ElementStatus.values()) {
      counts.put(status, 0L);
      metrics.gauge(
          "artstore_registry_elements",
          this,
          p -> p.count(status),
          new Tag("status", status.wireName()));
    }
  }

  /** Starts the periodic publication once the schema exists. */
  void onSchemaReady(@Observes SchemaReady ignored) {
    long seconds = Math.max(1, Durations.parse(interval).toSeconds());
    periodic = scheduler.scheduleWithFixedDelay(this::publishQuietly, 0, seconds, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (periodic != null) {
      periodic.cancel(false);
    }
  }

  synchronized long count(ElementStatus status) {
    return counts.getOrDefault(status, 0L);
  }

  /** Publishes soon, off the caller's thread; requests made meanwhile share one publication. */
  public void requestPublish() {
    if (pending.compareAndSet(false, true)) {
      try {
        scheduler.execute(
            () -> {
              pending.set(false);
              publishQuietly();
            });
      } catch (RuntimeException e) {
        pending.set(false);
        LOG.log(Level.WARNING, "Cannot schedule the discovery publication", e);
      }
    }
  }

  /** The last snapshot built (published or not). */
  public DiscoverySnapshot last() {
    return last;
  }

  void publishQuietly() {
    try {
      publishNow();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Discovery snapshot not built: " + e,
          LOG.isLoggable(Level.FINE) ? e : null);
    }
  }

  /** Builds the snapshot from the database and writes it to Redis; true when Redis took it. */
  public synchronized boolean publishNow() {
    DiscoverySnapshot snapshot = StorageRegistry.toSnapshot(repository.snapshot());
    last = snapshot;
    updateCounts(snapshot.storageElements());
    String json = JsonbConfigResolver.jsonb().toJson(snapshot);
    try {
      redis
          .client()
          .eval(
              PUBLISH_SCRIPT,
              List.of(DiscoverySnapshot.REDIS_KEY, DiscoverySnapshot.REDIS_CHANNEL),
              List.of(json, Long.toString(snapshot.version())));
      published.inc();
      if (redisDown) {
        redisDown = false;
        LOG.info(() -> "Discovery publishes to Redis again (version " + snapshot.version() + ")");
      }
      return true;
    } catch (RuntimeException e) {
      if (!redisDown) {
        redisDown = true;
        LOG.warning(
            () ->
                "Discovery snapshot not published to Redis ("
                    + e
                    + "); readers fall back to admin's "
                    + DiscoverySnapshot.INTERNAL_PATH
                    + ". Retrying with every change and every "
                    + Duration.ofSeconds(Math.max(1, Durations.parse(interval).toSeconds())));
      } else {
        LOG.fine(() -> "Discovery snapshot still not published to Redis: " + e);
      }
      return false;
    }
  }

  private synchronized void updateCounts(List<DiscoveredElement> elements) {
    for (ElementStatus status : ElementStatus.values()) {
      counts.put(
          status, elements.stream().filter(e -> status.wireName().equals(e.status())).count());
    }
  }
}
