package io.artstore.query.application;

import io.artstore.query.infrastructure.RedisFileCache;
import io.artstore.query.infrastructure.SearchIndexRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.admin.AdminFiles;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A file's metadata by id (SPEC §6): this replica's memory, then Redis, then the search index in
 * PostgreSQL, and for a file the index has not seen yet (uploaded a moment ago) admin's registry.
 * Whatever a slower level finds fills the faster ones; an applied event evicts the file from this
 * replica and from Redis.
 */
@ApplicationScoped
public class FileCatalog {
  private static final Logger LOG = Logger.getLogger(FileCatalog.class.getName());

  private static final long SECOND_EVICTION_MILLIS = 1000;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject QuerySettings settings;
  @Inject QueryMetrics metrics;
  @Inject RedisFileCache redisCache;
  @Inject SearchIndexRepository index;
  @Inject AdminFiles admin;

  private record Entry(StoredFile file, long expiresAtNanos) {}

  private Map<UUID, Entry> local;
  private long localTtlNanos;

  @PostConstruct
  void init() {
    int size = settings.localSize();
    localTtlNanos = settings.localTtl().toNanos();
    local =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
            return size() > size;
          }
        };
  }

  public Optional<StoredFile> find(UUID id) {
    StoredFile cached = fromLocal(id);
    if (cached != null) {
      metrics.cache("local", true);
      return Optional.of(cached);
    }
    metrics.cache("local", false);
    Optional<String> json = redisCache.get(id);
    metrics.cache("redis", json.isPresent());
    if (json.isPresent()) {
      StoredFile file = parse(json.get());
      remember(id, file);
      return Optional.of(file);
    }
    Optional<String> indexed = index.document(id);
    if (indexed.isEmpty()) {
      indexed = fromRegistry(id);
    }
    if (indexed.isEmpty()) {
      return Optional.empty();
    }
    StoredFile file = parse(indexed.get());
    redisCache.put(id, indexed.get(), settings.redisTtl());
    remember(id, file);
    return Optional.of(file);
  }

  /**
   * Forgets the file here and in Redis: its record changed. Evicted again a second later, because a
   * lookup that read the old record just before the change may store it after this eviction (the
   * usual "delayed double delete"); without it a stale copy could stay in Redis for its whole TTL.
   */
  public void evict(UUID id) {
    forget(id);
    try {
      scheduler.schedule(() -> forget(id), SECOND_EVICTION_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Second eviction of " + id + " not scheduled", e);
    }
  }

  private void forget(UUID id) {
    synchronized (this) {
      local.remove(id);
    }
    redisCache.evict(id);
  }

  private Optional<String> fromRegistry(UUID id) {
    try {
      AdminFiles.Answer answer = admin.get(id);
      return answer.status() == 200 ? Optional.of(answer.body()) : Optional.empty();
    } catch (IOException e) {
      LOG.log(Level.FINE, "Admin's registry unreachable for " + id, e);
      return Optional.empty();
    }
  }

  private synchronized StoredFile fromLocal(UUID id) {
    Entry entry = local.get(id);
    if (entry == null) {
      return null;
    }
    if (System.nanoTime() - entry.expiresAtNanos() > 0) {
      local.remove(id);
      return null;
    }
    return entry.file();
  }

  private synchronized void remember(UUID id, StoredFile file) {
    if (localTtlNanos > 0 && settings.localSize() > 0) {
      local.put(id, new Entry(file, System.nanoTime() + localTtlNanos));
    }
  }

  static StoredFile parse(String json) {
    return JsonbConfigResolver.jsonb().fromJson(json, StoredFile.class);
  }
}
