package io.artstore.ingester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.ingester.infrastructure.DiscoveryReadiness;
import io.artstore.launcher.testing.TestTokens;
import io.artstore.shared.discovery.DiscoveredElement;
import io.artstore.shared.discovery.DiscoveryClient;
import io.artstore.shared.discovery.DiscoverySnapshot;
import io.artstore.shared.discovery.DiscoverySource;
import io.artstore.shared.discovery.DiscoveryStatus;
import io.artstore.shared.discovery.SnapshotFiles;
import io.artstore.shared.infrastructure.redis.RedisConnection;
import io.artstore.shared.status.ServiceStatusReporter;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Discovery in the real ingester: a snapshot written to Redis and announced on the channel, as
 * admin does, reaches the client within seconds, is persisted, shows in status, readiness and
 * metrics; an older version is ignored, a newer one adopted. (The fallbacks when Redis is down are
 * unit-tested in shared-ejb: stopping the shared test Redis here would disturb the other ITs.)
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoveryInContainerIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @ArquillianResource URL base;

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/ingester.war"))
        .addClass(DiscoveryInContainerIT.class);
  }

  @Inject DiscoveryClient discovery;
  @Inject RedisConnection redis;
  @Inject ServiceStatusReporter reporter;
  @Inject @Readiness DiscoveryReadiness readiness;

  private static DiscoveredElement element(String id, String mode, int priority) {
    return new DiscoveredElement(
        "6f1c1a52-0000-4000-8000-00000000000" + priority,
        id,
        id,
        "http://localhost:801" + priority,
        mode,
        "online",
        "local",
        priority,
        1000,
        100,
        900,
        0,
        Instant.now());
  }

  private void publish(DiscoverySnapshot snapshot) {
    redis.client().set(DiscoverySnapshot.REDIS_KEY, SnapshotFiles.toJson(snapshot));
    redis.client().publish(DiscoverySnapshot.REDIS_CHANNEL, Long.toString(snapshot.version()));
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within " + WAIT + ": " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  @Order(1)
  void publishedSnapshotIsAdoptedPersistedAndReported() throws Exception {
    assertTrue(discovery.enabled(), "artstore.discovery.enabled=true in the ingester");
    DiscoverySnapshot v1000 =
        new DiscoverySnapshot(
            1000,
            Instant.now(),
            List.of(element("se-it-edit", "edit", 2), element("se-it-ro", "ro", 1)));
    publish(v1000);
    await(() -> discovery.snapshot().version() == 1000, "version 1000 adopted");
    assertEquals(DiscoverySource.REDIS, discovery.source());
    assertEquals(2, discovery.elements().size());
    assertEquals(
        List.of("se-it-edit"),
        discovery.writableElements(null).stream().map(DiscoveredElement::elementId).toList());
    assertEquals(List.of(), discovery.writableElements("rw"));
    assertTrue(discovery.lastUpdated().isPresent());

    Path file = discovery.file();
    assertTrue(file.endsWith(Path.of("ingester", "discovery-snapshot.json")), file.toString());
    await(
        () -> {
          try {
            return Files.exists(file)
                && SnapshotFiles.read(file).orElseThrow().snapshot().version() == 1000;
          } catch (Exception e) {
            return false;
          }
        },
        "version 1000 persisted to " + file);

    DiscoveryStatus status = reporter.report(null).discovery();
    assertNotNull(status, "ingester's status reports discovery");
    assertEquals("redis", status.source());
    assertEquals(1000, status.version());
    assertEquals(2, status.elements());

    HealthCheckResponse health = readiness.call();
    assertEquals("discovery", health.getName());
    assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
    Map<String, Object> data = health.getData().orElseThrow();
    assertEquals("redis", data.get("source"));
    assertEquals(1000L, ((Number) data.get("version")).longValue());

    // An older version, even announced, is never taken.
    publish(new DiscoverySnapshot(999, Instant.now(), List.of()));
    Thread.sleep(1500);
    assertEquals(1000, discovery.snapshot().version());
    assertEquals(1000, SnapshotFiles.read(file).orElseThrow().snapshot().version());

    // A newer one is.
    publish(new DiscoverySnapshot(1001, Instant.now(), List.of(element("se-it-rw", "rw", 3))));
    await(() -> discovery.snapshot().version() == 1001, "version 1001 adopted");
    assertEquals(
        List.of("se-it-rw"),
        discovery.writableElements("rw").stream().map(DiscoveredElement::elementId).toList());
    await(
        () -> {
          try {
            return SnapshotFiles.read(file).orElseThrow().snapshot().version() == 1001;
          } catch (Exception e) {
            return false;
          }
        },
        "version 1001 persisted");
  }

  @Test
  @Order(2)
  @RunAsClient
  void statusAndMetricsShowDiscoveryOverHttp() throws Exception {
    TestTokens tokens =
        TestTokens.fromKeyDirectory(Path.of(System.getProperty("artstore.it.work-dir"), "keys"));
    HttpResponse<String> status =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "api/v1/status"))
                    .header("Authorization", "Bearer " + tokens.serviceAccount("sa_it", "READONLY"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, status.statusCode(), status.body());
    assertTrue(status.body().contains("\"discovery\":{"), status.body());
    assertTrue(status.body().contains("\"source\":\"redis\""), status.body());
    assertTrue(status.body().contains("\"version\":1001"), status.body());
    assertTrue(status.body().contains("\"age_seconds\":"), status.body());

    URI metricsUri = URI.create(base.getProtocol() + "://" + base.getAuthority() + "/metrics");
    String metrics =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(metricsUri).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("artstore_discovery_source{")
                        && l.contains("source=\"redis\"")
                        && l.matches(".*\\} 1(\\.0)?$")),
        metrics);
    assertTrue(
        metrics
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("artstore_discovery_source{")
                        && l.contains("source=\"admin\"")
                        && l.matches(".*\\} 0(\\.0)?$")),
        metrics);
    assertTrue(
        metrics.lines().anyMatch(l -> l.matches("artstore_discovery_version\\{.*\\} 1001(\\.0)?")),
        metrics);
    assertTrue(
        metrics.lines().anyMatch(l -> l.matches("artstore_discovery_elements\\{.*\\} 1(\\.0)?")),
        metrics);
  }
}
