package io.artstore.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the ingester and query of a development run their own service accounts, the way an operator
 * would: with the system account, through admin's API, the secrets written to each service's
 * dynamic config directory ({@code <data>/config/<service>/}, 0600), where the services pick them
 * up without a restart. Done once; later runs find the files.
 */
final class ServiceAccountProvisioning {
  /** Service → role (the ingester forwards uploaders' identities: ADMIN, SPEC §2.5). */
  static final Map<String, String> SERVICES = Map.of("ingester", "ADMIN", "query", "READONLY");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String adminUrl;
  private final Path configDir;
  private final Path dataDir;

  ServiceAccountProvisioning(String adminUrl, Path configDir, Path dataDir) {
    this.adminUrl = adminUrl;
    this.configDir = configDir;
    this.dataDir = dataDir;
  }

  void provision() throws IOException, InterruptedException {
    String adminToken = null;
    for (var service : SERVICES.entrySet()) {
      Path dir = configDir.resolve(service.getKey());
      if (Files.exists(dir.resolve("ARTSTORE_SERVICE_ACCOUNT_CLIENT_SECRET"))) {
        continue;
      }
      if (adminToken == null) {
        adminToken = systemToken();
      }
      String body =
          "{\"name\":\""
              + service.getKey()
              + "-service\",\"role\":\""
              + service.getValue()
              + "\",\"description\":\"The "
              + service.getKey()
              + " service's own account (development run)\"}";
      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(URI.create(adminUrl + "/api/v1/service-accounts"))
                  .header("Authorization", "Bearer " + adminToken)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (created.statusCode() != 201) {
        throw new IOException(
            "Creating the "
                + service.getKey()
                + " account: HTTP "
                + created.statusCode()
                + " "
                + created.body());
      }
      writeSecret(
          dir.resolve("ARTSTORE_SERVICE_ACCOUNT_CLIENT_ID"), field(created.body(), "client_id"));
      writeSecret(
          dir.resolve("ARTSTORE_SERVICE_ACCOUNT_CLIENT_SECRET"),
          field(created.body(), "client_secret"));
      ArtStoreLauncher.log(
          "Created the " + service.getKey() + " service account; its credentials are in " + dir);
    }
  }

  /**
   * Registers the run's storage elements with admin's registry, so that uploads through the
   * ingester work right away, as an operator would after setting elements up. Already registered
   * (409) is fine; anything else is reported and the run goes on.
   */
  void registerElements(java.util.List<String> elementUrls)
      throws IOException, InterruptedException {
    String adminToken = systemToken();
    for (String url : elementUrls) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(adminUrl + "/api/v1/storage-elements"))
                  .header("Authorization", "Bearer " + adminToken)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"api_url\":\"" + url + "\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() == 201) {
        ArtStoreLauncher.log("Registered the storage element at " + url);
      } else if (answer.statusCode() != 409) {
        ArtStoreLauncher.log(
            "Storage element " + url + " not registered: HTTP " + answer.statusCode());
      }
    }
  }

  private String systemToken() throws IOException, InterruptedException {
    String[] credentials =
        systemCredentials()
            .orElseThrow(
                () ->
                    new IOException(
                        "No system account credentials (ARTSTORE_INITIAL_ACCOUNT_* or data/admin/initial-account.properties)"));
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(credentials[0], StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(credentials[1], StandardCharsets.UTF_8);
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(adminUrl + "/api/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("The system account got no token: HTTP " + response.statusCode());
    }
    return field(response.body(), "access_token");
  }

  private Optional<String[]> systemCredentials() throws IOException {
    String id = System.getenv("ARTSTORE_INITIAL_ACCOUNT_CLIENT_ID");
    String secret = System.getenv("ARTSTORE_INITIAL_ACCOUNT_CLIENT_SECRET");
    if (id != null && secret != null && !id.isBlank() && !secret.isBlank()) {
      return Optional.of(new String[] {id, secret});
    }
    Path file = dataDir.resolve("admin").resolve("initial-account.properties");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    return Optional.of(
        new String[] {
          properties.getProperty("client_id"), properties.getProperty("client_secret")
        });
  }

  static String field(String json, String name) throws IOException {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IOException("No " + name + " in admin's answer");
    }
    return m.group(1);
  }

  private static void writeSecret(Path file, String value) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp =
        Files.createTempFile(
            file.getParent(),
            ".secret",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(temp, value, StandardCharsets.UTF_8);
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
