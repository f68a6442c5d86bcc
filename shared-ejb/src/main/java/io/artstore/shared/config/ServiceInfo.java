package io.artstore.shared.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which service this is, which build, and since when it runs. */
@ApplicationScoped
public class ServiceInfo {
  private final Instant startedAt = Instant.now();
  private final String version = readVersion();

  @Inject
  @ConfigProperty(name = "artstore.service.name")
  String serviceName;

  /** Instantiates this bean as the application starts, so {@code startedAt} is the start time. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {}

  public String serviceName() {
    return serviceName;
  }

  public String version() {
    return version;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public long uptimeSeconds() {
    return Duration.between(startedAt, Instant.now()).toSeconds();
  }

  private static String readVersion() {
    try (InputStream in =
        ServiceInfo.class.getResourceAsStream("/META-INF/artstore-build.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("artstore.version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
