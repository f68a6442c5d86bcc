package io.artstore.system;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/** Calls to a storage element's file API from system tests. */
final class StorageApi {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private StorageApi() {}

  static HttpResponse<String> upload(String api, String token, MultipartBody body) {
    return send(api, token, body, body.publisher());
  }

  /** The upload sent chunked (no Content-Length). */
  static HttpResponse<String> uploadChunked(String api, String token, MultipartBody body) {
    return send(api, token, body, body.chunkedPublisher());
  }

  private static HttpResponse<String> send(
      String api, String token, MultipartBody body, HttpRequest.BodyPublisher publisher) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api + "/files/upload"))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", body.contentType())
            .POST(publisher)
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Uploads small content with the given extra fields; returns the response. */
  static HttpResponse<String> upload(
      String api, String token, String filename, byte[] content, Map<String, String> fields) {
    MultipartBody body = new MultipartBody();
    fields.forEach(body::field);
    body.file(filename, "application/octet-stream", content).end();
    return upload(api, token, body);
  }

  static JsonObject uploaded(
      String api, String token, String filename, byte[] content, Map<String, String> fields) {
    HttpResponse<String> response = upload(api, token, filename, content, fields);
    if (response.statusCode() != 201) {
      throw new AssertionError("upload failed: " + response.statusCode() + " " + response.body());
    }
    return Http.json(response);
  }

  static HttpResponse<byte[]> download(
      String api, String token, String fileId, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api + "/files/" + fileId + "/download"))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + token);
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> get(String url) {
    return request("GET", url, Map.of());
  }

  /** Any method without a body, answered as bytes. */
  static HttpResponse<byte[]> request(String method, String url, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(2))
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of a download streamed through, never held. */
  static String downloadSha256(String api, String token, String fileId) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(api + "/files/" + fileId + "/download"))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + token)
            .build();
    try {
      HttpResponse<InputStream> response =
          CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() != 200) {
        throw new AssertionError("download: " + response.statusCode());
      }
      return sha256(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String sha256(InputStream in) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[256 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }
}
