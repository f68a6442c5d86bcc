package io.artstore.query.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The query service's metrics (Prometheus adds {@code _total} to counters): metadata cache hits and
 * misses per level, events applied by type and result, searches by mode, index lag.
 */
@ApplicationScoped
public class QueryMetrics {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  /** A lookup in one cache level ({@code local}, {@code redis}) hit or missed. */
  public void cache(String level, boolean hit) {
    metrics
        .counter(
            hit ? "artstore_query_cache_hits" : "artstore_query_cache_misses",
            new Tag("cache", level))
        .inc();
  }

  public void eventApplied(String type, String result) {
    metrics
        .counter("artstore_query_index_events", new Tag("type", type), new Tag("result", result))
        .inc();
  }

  public void search(String mode) {
    metrics.counter("artstore_query_searches", new Tag("mode", mode)).inc();
  }

  public void download(String result) {
    metrics.counter("artstore_query_downloads", new Tag("result", result)).inc();
  }

  public void gauge(String name, Supplier<Number> value) {
    metrics.gauge(name, value);
  }
}
