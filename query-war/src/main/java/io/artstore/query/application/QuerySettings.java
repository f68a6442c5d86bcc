package io.artstore.query.application;

import io.artstore.shared.config.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The query service's settings (README, configuration). */
@ApplicationScoped
public class QuerySettings {
  @Inject
  @ConfigProperty(name = "artstore.query.cache.local-ttl", defaultValue = "2s")
  String localTtl;

  @Inject
  @ConfigProperty(name = "artstore.query.cache.local-size", defaultValue = "10000")
  int localSize;

  @Inject
  @ConfigProperty(name = "artstore.query.cache.redis-ttl", defaultValue = "10m")
  String redisTtl;

  @Inject
  @ConfigProperty(name = "artstore.query.element.connect-timeout", defaultValue = "2s")
  String connectTimeout;

  @Inject
  @ConfigProperty(name = "artstore.query.element.answer-timeout", defaultValue = "30s")
  String answerTimeout;

  @Inject
  @ConfigProperty(name = "artstore.query.breaker.failures", defaultValue = "3")
  int breakerFailures;

  @Inject
  @ConfigProperty(name = "artstore.query.breaker.open", defaultValue = "30s")
  String breakerOpen;

  @Inject
  @ConfigProperty(name = "artstore.query.retry-after", defaultValue = "30s")
  String retryAfter;

  @Inject
  @ConfigProperty(name = "artstore.query.rebuild.page-size", defaultValue = "1000")
  int rebuildPageSize;

  /**
   * How long a replica may serve a metadata record from its own memory. Events invalidate the
   * replica that applies them and Redis; other replicas' copies age out within this time.
   */
  public Duration localTtl() {
    return Durations.parse(localTtl);
  }

  public int localSize() {
    return Math.max(0, localSize);
  }

  public Duration redisTtl() {
    return Durations.parse(redisTtl);
  }

  public Duration connectTimeout() {
    return Durations.parse(connectTimeout);
  }

  /** How long an element may take to start answering a download. */
  public Duration answerTimeout() {
    return Durations.parse(answerTimeout);
  }

  public int breakerFailures() {
    return Math.max(1, breakerFailures);
  }

  public Duration breakerOpen() {
    return Durations.parse(breakerOpen);
  }

  public Duration retryAfter() {
    return Durations.parse(retryAfter);
  }

  public int rebuildPageSize() {
    return Math.min(1000, Math.max(1, rebuildPageSize));
  }
}
