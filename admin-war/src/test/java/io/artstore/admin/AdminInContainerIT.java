package io.artstore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.admin.application.InstallationService;
import io.artstore.shared.health.DatabaseDependency;
import io.artstore.shared.health.RedisDependency;
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
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built admin WAR inside a real Liberty, against a real PostgreSQL and Redis. */
@ExtendWith(ArquillianExtension.class)
class AdminInContainerIT {

  @ArquillianResource URL base;

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/admin.war"))
        .addClass(AdminInContainerIT.class);
  }

  @Inject SchemaMigrator migrator;
  @Inject InstallationService installation;
  @Inject DatabaseDependency database;
  @Inject RedisDependency redis;
  @Inject ServiceStatusReporter reporter;

  @Test
  void schemaIsMigratedAtStartAndTheInstallationIsCreatedOnce() {
    assertTrue(migrator.migrated());
    assertEquals("admin", migrator.schema());
    ServiceStatus.Installation first = installation.current().orElseThrow();
    // A second start of the same database finds the same row (findOrCreate is idempotent).
    assertEquals(first, installation.current().orElseThrow());
  }

  @Test
  void dependenciesAreProbedForReal() {
    assertTrue(database.probe().up(), database.probe().toString());
    assertTrue(database.critical());
    assertTrue(redis.probe().up(), redis.probe().toString());
    assertTrue(!redis.critical(), "Redis has fallbacks: not critical");
    assertEquals("UP", reporter.report(null).status());
  }

  @Test
  @RunAsClient
  void statusAnswersOverHttp() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "api/v1/status")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"service\":\"admin\""), response.body());
    assertTrue(response.body().contains("\"installation\""), response.body());
  }
}
