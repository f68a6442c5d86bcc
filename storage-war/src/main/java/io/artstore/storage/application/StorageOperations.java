package io.artstore.storage.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The element's operation counters (SPEC §3.6), operations by op and result, bytes written and
 * read, fixity failures (Prometheus adds the {@code _total} suffix).
 */
@ApplicationScoped
public class StorageOperations {
  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  public void record(String op, String result) {
    metrics.counter("artstore_se_operations", new Tag("op", op), new Tag("result", result)).inc();
  }

  /** An upload completed. */
  public void stored(long bytes) {
    record("upload", "ok");
    metrics.counter("artstore_se_bytes_written").inc(bytes);
  }

  public void read(long bytes) {
    if (bytes > 0) {
      metrics.counter("artstore_se_bytes_read").inc(bytes);
    }
  }

  public void fixityFailure() {
    metrics.counter("artstore_se_fixity_failures").inc();
  }
}
