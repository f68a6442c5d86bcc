package io.artstore.admin.infrastructure.transfer;

import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Copies a file from its source element into a target element's staging area under a branch id: the
 * source's download is piped into the target's multipart {@code PUT
 * /api/v1/transfers/{branch}/staged} as it arrives (never held in memory), with the registry's
 * checksum, which the target verifies over the bytes it received.
 */
@ApplicationScoped
public class StagingClient {
  /** How a staging ended. */
  public record Staged(int status, String body) {
    public boolean ok() {
      return status == 201;
    }

    /** The target's document for the file after commit (from a successful staging). */
    public StoredFile document() {
      jakarta.json.JsonObject json =
          jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject();
      return JsonbConfigResolver.jsonb()
          .fromJson(json.getJsonObject("document").toString(), StoredFile.class);
    }
  }

  /** The source or target did not answer; nothing was staged for sure. */
  public static final class Unreachable extends IOException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** The source's attr.json document of the file, as the target's staging wants it. */
  public String sourceDocument(String sourceUrl, String fileId, String authorization)
      throws IOException {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(sourceUrl + "/api/v1/files/" + fileId))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(),
            sourceUrl);
    if (answer.statusCode() != 200) {
      throw new Unreachable(
          "the source answered "
              + answer.statusCode()
              + " for the file's document: "
              + answer.body(),
          null);
    }
    return answer.body();
  }

  public Staged stage(
      String sourceUrl,
      String targetUrl,
      String branch,
      StoredFile file,
      String sourceDocument,
      String retentionPolicy,
      String authorization)
      throws IOException {
    HttpResponse<InputStream> download =
        send(
            HttpRequest.newBuilder(
                    URI.create(sourceUrl + "/api/v1/files/" + file.fileId() + "/download"))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream(),
            sourceUrl);
    try (InputStream bytes = download.body()) {
      if (download.statusCode() != 200) {
        String detail = new String(bytes.readNBytes(4096), StandardCharsets.UTF_8);
        return new Staged(
            download.statusCode() == 404 ? 409 : 502,
            "{\"code\":\"SOURCE_REFUSED\",\"detail\":\"the source answered "
                + download.statusCode()
                + "\",\"source\":"
                + quote(detail)
                + "}");
      }
      String boundary = "artstore-transfer-" + UUID.randomUUID();
      StringBuilder head = new StringBuilder();
      for (var field :
          List.of(
              List.of("file_id", file.fileId()),
              List.of("document", sourceDocument),
              List.of("retention_policy", retentionPolicy),
              List.of("checksum", file.checksum().value()))) {
        head.append("--")
            .append(boundary)
            .append("\r\nContent-Disposition: form-data; name=\"")
            .append(field.get(0))
            .append("\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
            .append(field.get(1))
            .append("\r\n");
      }
      head.append("--")
          .append(boundary)
          .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
          .append(file.fileId())
          .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      InputStream body =
          new SequenceInputStream(
              new SequenceInputStream(
                  new ByteArrayInputStream(head.toString().getBytes(StandardCharsets.UTF_8)),
                  bytes),
              new ByteArrayInputStream(tail));
      // A minute per 256 MiB on top of a minute: a slow copy still finishes, a dead one ends.
      Duration timeout = Duration.ofMinutes(2 + file.sizeBytes() / (256L * 1024 * 1024));
      HttpResponse<String> staged =
          send(
              HttpRequest.newBuilder(
                      URI.create(targetUrl + "/api/v1/transfers/" + branch + "/staged"))
                  .header("Authorization", authorization)
                  .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                  .header("Accept", "application/json")
                  .timeout(timeout)
                  .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                  .build(),
              HttpResponse.BodyHandlers.ofString(),
              targetUrl);
      return new Staged(staged.statusCode(), staged.body());
    }
  }

  private <T> HttpResponse<T> send(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, String element) throws Unreachable {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw new Unreachable(element + " did not answer: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted", e);
    }
  }

  private static String quote(String text) {
    return jakarta.json.Json.createValue(text).toString();
  }
}
