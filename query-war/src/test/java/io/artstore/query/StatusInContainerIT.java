package io.artstore.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.health.DatabaseReadinessCheck;
import io.artstore.shared.health.RedisReadinessCheck;
import io.artstore.shared.infrastructure.db.SchemaMigrator;
import io.artstore.shared.status.ServiceStatus;
import io.artstore.shared.status.ServiceStatusReporter;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built query WAR inside a real Liberty, against a real PostgreSQL and Redis. */
@ExtendWith(ArquillianExtension.class)
class StatusInContainerIT {

  @ArquillianResource URL base;

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/query.war"))
        .addClass(StatusInContainerIT.class);
  }

  @Inject SchemaMigrator migrator;
  @Inject ServiceStatusReporter reporter;
  @Inject io.artstore.query.application.IndexFeed feed;
  @Inject @Readiness DatabaseReadinessCheck databaseCheck;
  @Inject @Readiness RedisReadinessCheck redisCheck;

  @Test
  void ownSchemaIsMigrated() {
    assertTrue(migrator.migrated());
    assertEquals("query", migrator.schema());
  }

  @Test
  void readinessChecksSeeTheRealDependencies() {
    assertEquals(HealthCheckResponse.Status.UP, databaseCheck.call().getStatus());
    assertEquals(HealthCheckResponse.Status.UP, redisCheck.call().getStatus());
    // The search index's feed connects to the real Redis once the schema is migrated.
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (!feed.connected() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    ServiceStatus status = reporter.report(null);
    assertEquals("query", status.service());
    java.util.Map<String, String> states =
        status.dependencies().stream()
            .collect(java.util.stream.Collectors.toMap(d -> d.name(), d -> d.status().name()));
    // No service account is configured for this test server: admin is down, which only degrades.
    assertEquals(
        java.util.Map.of("database", "UP", "redis", "UP", "admin", "DOWN", "search-index", "UP"),
        states);
    assertEquals("DEGRADED", status.status());
  }

  @Test
  @RunAsClient
  void unknownPathsAnswerProblemJson() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "api/v1/nothing-here")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(404, response.statusCode());
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.body().contains("\"code\":\"NOT_FOUND\""), response.body());
  }
}
