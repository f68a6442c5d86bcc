package io.artstore.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.admin.application.InstallationService;
import io.artstore.admin.infrastructure.InstallationRepository;
import io.artstore.admin.testsupport.ErrorModelProbeResource;
import io.artstore.launcher.testing.TestTokens;
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
import java.nio.file.Path;
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
        .addClasses(AdminInContainerIT.class, ErrorModelProbeResource.class);
  }

  @Inject SchemaMigrator migrator;
  @Inject InstallationService installation;
  @Inject InstallationRepository installations;
  @Inject DatabaseDependency database;
  @Inject RedisDependency redis;
  @Inject ServiceStatusReporter reporter;

  @Test
  void schemaIsMigratedAtStartAndTheInstallationIsCreatedOnce() {
    assertTrue(migrator.migrated());
    assertEquals("admin", migrator.schema());
    ServiceStatus.Installation first = installation.current().orElseThrow();
    // What every later start (or a second replica) does finds the same row instead of a new one.
    assertEquals(first, installations.findOrCreate());
    assertEquals(first, installations.findOrCreate());
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
  void statusNeedsATokenSignedWithTheKeyRing() throws Exception {
    HttpResponse<String> anonymous = get("api/v1/status");
    assertEquals(401, anonymous.statusCode());
    assertTrue(
        anonymous.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));

    TestTokens tokens =
        TestTokens.fromKeyDirectory(Path.of(System.getProperty("artstore.it.work-dir"), "keys"));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "api/v1/status"))
                    .header("Authorization", "Bearer " + tokens.serviceAccount("sa_it", "READONLY"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"service\":\"admin\""), response.body());
    assertTrue(response.body().contains("\"installation\""), response.body());
  }

  @Test
  @RunAsClient
  void unexpectedFailuresAre500WithoutInternals() throws Exception {
    HttpResponse<String> response = get("test/error-model/crash");
    assertEquals(500, response.statusCode());
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(response.body().contains("\"code\":\"INTERNAL_ERROR\""), response.body());
    String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertTrue(response.body().contains("\"request_id\":\"" + requestId + "\""), response.body());
    assertTrue(!response.body().contains("secret") && !response.body().contains("IllegalState"));
  }

  @Test
  @RunAsClient
  void beanValidationFailuresListEveryFieldInSnakeCase() throws Exception {
    HttpResponse<String> response = get("test/error-model/validated?sizeLimit=50&code=lower");
    assertEquals(400, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"code\":\"VALIDATION_ERROR\""), response.body());
    for (String field :
        new String[] {"\"field\":\"name\"", "\"field\":\"size_limit\"", "\"field\":\"code\""}) {
      assertTrue(response.body().contains(field), field + " in " + response.body());
    }
  }

  @Test
  @RunAsClient
  void pagingAnswersTheSpecShapeAndRefusesOutOfRangeValues() throws Exception {
    HttpResponse<String> page = get("test/error-model/paged?limit=100&offset=200");
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().contains("\"total\":250"), page.body());
    assertTrue(page.body().contains("\"has_more\":false"), page.body());
    assertTrue(page.body().contains("\"limit\":100"), page.body());
    assertTrue(get("test/error-model/paged?limit=10").body().contains("\"has_more\":true"));

    HttpResponse<String> refused = get("test/error-model/paged?limit=1001&offset=-1");
    assertEquals(400, refused.statusCode());
    assertTrue(refused.body().contains("\"field\":\"limit\""), refused.body());
    assertTrue(refused.body().contains("\"field\":\"offset\""), refused.body());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
