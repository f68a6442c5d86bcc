package io.artstore.admin.application.gc;

import io.artstore.shared.config.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The settings of retention and GC (read at start). */
@ApplicationScoped
public class GcSettings {
  @Inject
  @ConfigProperty(name = "artstore.gc.interval", defaultValue = "PT1H")
  String interval;

  @Inject
  @ConfigProperty(name = "artstore.gc.deleted-grace", defaultValue = "P1D")
  String deletedGrace;

  @Inject
  @ConfigProperty(name = "artstore.gc.expiring-within", defaultValue = "P7D")
  String expiringWithin;

  @Inject
  @ConfigProperty(name = "artstore.gc.retry-base", defaultValue = "1m")
  String retryBase;

  @Inject
  @ConfigProperty(name = "artstore.gc.retry-max", defaultValue = "6h")
  String retryMax;

  @Inject
  @ConfigProperty(name = "artstore.gc.batch-size", defaultValue = "500")
  int batchSize;

  @Inject
  @ConfigProperty(name = "artstore.gc.call-timeout-millis", defaultValue = "10000")
  long callTimeoutMillis;

  /** How often the scheduled pass runs; zero = off. */
  public Duration interval() {
    return Durations.parse(interval);
  }

  public Duration deletedGrace() {
    return Durations.parse(deletedGrace);
  }

  public Duration expiringWithin() {
    return Durations.parse(expiringWithin);
  }

  public Duration retryBase() {
    return Durations.parse(retryBase);
  }

  public Duration retryMax() {
    return Durations.parse(retryMax);
  }

  public int batchSize() {
    return Math.max(1, Math.min(batchSize, 10_000));
  }

  /** How long one element GC call may take (a hanging element must not stall a pass for long). */
  public long callTimeoutMillis() {
    return Math.max(100, callTimeoutMillis);
  }
}
