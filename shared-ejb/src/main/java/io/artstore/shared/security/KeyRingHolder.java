package io.artstore.shared.security;

import io.artstore.shared.config.Durations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * This service's key ring, reloaded from the key directory ({@code ARTSTORE_KEYS_DIR}) and swapped
 * atomically. A reload that cannot read the current key changes nothing: the old ring stays in use,
 * the failure is logged and counted ({@code artstore_jwt_key_reload_total{status="failure"}}).
 */
@ApplicationScoped
public class KeyRingHolder {
  private static final Logger LOG = Logger.getLogger(KeyRingHolder.class.getName());

  @Inject
  @ConfigProperty(name = "artstore.keys.dir", defaultValue = "keys")
  String keysDir;

  @Inject
  @ConfigProperty(name = "artstore.keys.grace-period", defaultValue = "1h")
  String gracePeriod;

  /** Only the signing service (admin) reads the private key. */
  @Inject
  @ConfigProperty(name = "artstore.keys.signing", defaultValue = "false")
  boolean signing;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private final AtomicReference<KeyRing> ring = new AtomicReference<>(KeyRing.empty());
  private Counter successes;
  private Counter failures;

  @PostConstruct
  void registerMetrics() {
    successes = metrics.counter("artstore_jwt_key_reload", new Tag("status", "success"));
    failures = metrics.counter("artstore_jwt_key_reload", new Tag("status", "failure"));
    metrics.gauge("artstore_jwt_keys_active", this, h -> h.ring().active(Instant.now()).size());
    metrics.gauge(
        "artstore_jwt_key_age_seconds",
        this,
        h ->
            h.ring()
                .current()
                .map(k -> Duration.between(k.since(), Instant.now()).toSeconds())
                .orElse(-1L));
  }

  public KeyRing ring() {
    return ring.get();
  }

  public Path directory() {
    return Path.of(keysDir).toAbsolutePath();
  }

  public Duration gracePeriod() {
    return Durations.parse(gracePeriod);
  }

  public boolean signing() {
    return signing;
  }

  /** Re-reads the key directory; true when the ring now reflects it. */
  public synchronized boolean reload() {
    KeyRing before = ring.get();
    try {
      KeyFiles.Snapshot files = KeyFiles.read(directory(), signing);
      for (String problem : files.problems()) {
        failures.inc();
        LOG.severe("Ignored key file in " + directory() + ": " + problem);
      }
      KeyRing after = KeyRings.next(before, files, gracePeriod(), Instant.now());
      ring.set(after);
      successes.inc();
      if (!after.currentKid().equals(before.currentKid())) {
        LOG.info(
            () ->
                "Signing key is now "
                    + after.currentKid()
                    + (before.isEmpty()
                        ? ""
                        : " (was " + before.currentKid() + ", kept for the grace period)")
                    + "; "
                    + after.active(Instant.now()).size()
                    + " key(s) accepted");
      } else if (!after.keys().keySet().equals(before.keys().keySet())) {
        LOG.info(() -> "Accepted keys now " + after.keys().keySet());
      } else {
        LOG.fine(() -> "Keys reloaded, unchanged: " + after.keys().keySet());
      }
      return true;
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      failures.inc();
      LOG.log(
          Level.SEVERE,
          "Key reload from "
              + directory()
              + " failed, keeping "
              + (before.isEmpty() ? "no key" : "key " + before.currentKid())
              + ": "
              + e.getMessage());
      return false;
    }
  }

  /** Installs a ring built in memory (admin's own rotation), without waiting for a reload. */
  public synchronized void install(KeyRing newRing) {
    ring.set(newRing);
  }
}
