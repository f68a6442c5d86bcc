package io.artstore.shared.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dynamic configuration (SPEC §2.4): values re-read without a restart. Each value is a file named
 * after its key either way ({@code artstore.keys.rotation-interval} or {@code
 * ARTSTORE_KEYS_ROTATION_INTERVAL}) — the layout of a mounted Kubernetes secret or config map — in
 * {@code <config dir>/<service>/} (this service only) or {@code <config dir>/} (every service); the
 * config dir is {@code ARTSTORE_CONFIG_DIR}, default {@code <ARTSTORE_DATA_DIR>/config}. A file
 * beats the static configuration (environment, then properties); every read goes through {@link
 * #get} and is cached for {@value #CACHE_MILLIS} ms, so a change is seen within that time.
 */
@ApplicationScoped
public class DynamicConfig {
  private static final Logger LOG = Logger.getLogger(DynamicConfig.class.getName());
  static final long CACHE_MILLIS = 2000;

  @Inject Config config;

  @Inject
  @ConfigProperty(name = "artstore.config-dir")
  Optional<String> configDir;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String dataDir;

  @Inject
  @ConfigProperty(name = "artstore.service.name")
  String serviceName;

  private record Cached(Optional<String> value, long readAtMillis) {}

  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public Path directory() {
    return configDir
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(() -> Path.of(dataDir).resolve("config"))
        .toAbsolutePath();
  }

  /** The current value: the config directory's file, else the static configuration. */
  public Optional<String> get(String key) {
    long now = System.currentTimeMillis();
    Cached cached = cache.get(key);
    if (cached == null || now - cached.readAtMillis() > CACHE_MILLIS) {
      Optional<String> fromFile = readFile(key);
      cached = new Cached(fromFile.or(() -> config.getOptionalValue(key, String.class)), now);
      cache.put(key, cached);
    }
    return cached.value();
  }

  public String get(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  public Duration getDuration(String key, String defaultValue) {
    return Durations.parse(get(key, defaultValue));
  }

  public int getInt(String key, int defaultValue) {
    return get(key).map(String::trim).map(Integer::parseInt).orElse(defaultValue);
  }

  private Optional<String> readFile(String key) {
    for (Path file :
        new Path[] {
          directory().resolve(serviceName).resolve(key),
          directory().resolve(serviceName).resolve(envName(key)),
          directory().resolve(key),
          directory().resolve(envName(key))
        }) {
      if (Files.isRegularFile(file)) {
        try {
          return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
          LOG.log(
              Level.WARNING, "Cannot read dynamic setting " + file + "; using the static value", e);
        }
      }
    }
    return Optional.empty();
  }

  /** MicroProfile Config's environment mapping: non-alphanumerics to '_', upper case. */
  static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
