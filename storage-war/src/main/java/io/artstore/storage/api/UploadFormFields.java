package io.artstore.storage.api;

import io.artstore.shared.api.multipart.MultipartException;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.storage.application.FileService;
import io.artstore.storage.application.UploadForm;
import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.RetentionPolicy;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The text fields of an upload, collected part by part and validated as they arrive (400 with the
 * field's name). Unknown fields are ignored, so newer clients can send fields older elements do not
 * know.
 */
final class UploadFormFields {
  static final int MAX_TAGS = 64;
  static final int MAX_TAG_LENGTH = 100;
  static final int MAX_METADATA_KEYS = 64;

  /**
   * What a multipart upload (or staging) answers when its body fails: a malformed or cut-off body
   * is the client's 400, a storage failure the server's. The caller aborts its write first.
   */
  static RuntimeException bodyFailure(Exception e) {
    if (e instanceof FileService.RequestBodyException r) {
      return new ApiException(
          ProblemCode.BAD_REQUEST,
          r.getCause() instanceof MultipartException m
              ? "Malformed multipart body: " + m.getMessage()
              : "The request body could not be read to its end.");
    }
    if (e instanceof MultipartException m) {
      return new ApiException(
          ProblemCode.BAD_REQUEST, "Malformed multipart body: " + m.getMessage());
    }
    if (e instanceof IOException io) {
      return new UncheckedIOException(io);
    }
    return (RuntimeException) e;
  }

  private UUID fileId;
  private String description;
  private List<String> tags = List.of();
  private Map<String, String> metadata = Map.of();
  private RetentionPolicy retentionPolicy;
  private Integer ttlDays;
  private String uploadedById;
  private String uploadedByName;
  private String checksum;
  private Compression compression;

  /** Fields that decide where or how the bytes go and must come before the file part. */
  static boolean mustPrecedeFile(String name) {
    return name.equals("file_id") || name.startsWith("uploaded_by") || name.equals("compress");
  }

  private static final java.util.regex.Pattern SHA256_HEX =
      java.util.regex.Pattern.compile("[0-9a-fA-F]{64}");

  /**
   * {@code checksum}: the SHA-256 of the original bytes, 64 hex digits, optionally prefixed {@code
   * sha256:} (the form attr.json's {@code checksum} object is often flattened to); lower-cased.
   */
  static String parseChecksum(String value) {
    String v = value.trim();
    if (v.regionMatches(true, 0, "sha256:", 0, 7)) {
      v = v.substring(7).trim();
    }
    if (!SHA256_HEX.matcher(v).matches()) {
      throw ApiException.validation(
          "checksum", "must be a SHA-256: 64 hex digits, optionally prefixed sha256:");
    }
    return v.toLowerCase(java.util.Locale.ROOT);
  }

  void accept(String name, String value) {
    switch (name) {
      case "file_id" -> {
        try {
          fileId = UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
          throw ApiException.validation("file_id", "must be a UUID");
        }
      }
      case "description" -> description = value.isEmpty() ? null : value;
      case "tags" -> tags = parseTags(value);
      case "metadata" -> metadata = parseMetadata(value);
      case "retention_policy" ->
          retentionPolicy =
              RetentionPolicy.parse(value)
                  .orElseThrow(
                      () ->
                          ApiException.validation(
                              "retention_policy", "must be temporary or permanent"));
      case "ttl_days" -> {
        try {
          int days = Integer.parseInt(value.trim());
          if (days < 1 || days > 365) {
            throw ApiException.validation("ttl_days", "must be between 1 and 365");
          }
          ttlDays = days;
        } catch (NumberFormatException e) {
          throw ApiException.validation("ttl_days", "must be an integer between 1 and 365");
        }
      }
      case "uploaded_by", "uploaded_by_id" -> parseUploader(name, value);
      case "uploaded_by_name" -> uploadedByName = value.trim();
      case "checksum" -> checksum = parseChecksum(value);
      case "compress" ->
          compression =
              Compression.parse(value)
                  .orElseThrow(
                      () -> ApiException.validation("compress", "must be none, gzip or zstd"));
      default -> {
        // Ignored on purpose (see the class comment).
      }
    }
  }

  UploadForm build() {
    return new UploadForm(
        fileId,
        description,
        tags,
        metadata,
        retentionPolicy,
        ttlDays,
        uploadedById,
        uploadedByName,
        checksum,
        compression == Compression.NONE ? null : compression);
  }

  private void parseUploader(String field, String value) {
    String trimmed = value.trim();
    if (trimmed.startsWith("{")) {
      JsonObject o = readJson(trimmed, field).asJsonObject();
      uploadedById = o.getString("id", null);
      uploadedByName = o.getString("name", uploadedByName);
    } else {
      uploadedById = trimmed;
    }
    if (uploadedById == null || uploadedById.isBlank()) {
      throw ApiException.validation(field, "needs an id");
    }
  }

  private static List<String> parseTags(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    JsonValue json = readJson(value, "tags");
    if (!(json instanceof JsonArray array)) {
      throw ApiException.validation("tags", "must be a JSON array of strings");
    }
    if (array.size() > MAX_TAGS) {
      throw ApiException.validation("tags", "at most " + MAX_TAGS + " tags");
    }
    List<String> tags = new ArrayList<>();
    for (JsonValue v : array) {
      if (!(v instanceof JsonString s) || s.getString().isBlank()) {
        throw ApiException.validation("tags", "must be a JSON array of non-empty strings");
      }
      if (s.getString().length() > MAX_TAG_LENGTH) {
        throw ApiException.validation(
            "tags", "a tag has at most " + MAX_TAG_LENGTH + " characters");
      }
      if (!tags.contains(s.getString())) {
        tags.add(s.getString());
      }
    }
    return tags;
  }

  static Map<String, String> parseMetadata(String value) {
    if (value.isBlank()) {
      return Map.of();
    }
    JsonValue json = readJson(value, "metadata");
    if (!(json instanceof JsonObject object)) {
      throw ApiException.validation("metadata", "must be a JSON object");
    }
    return metadataOf(object);
  }

  /** User metadata: flat keys to strings, numbers or booleans (kept as their text). */
  static Map<String, String> metadataOf(JsonObject object) {
    if (object.size() > MAX_METADATA_KEYS) {
      throw ApiException.validation("metadata", "at most " + MAX_METADATA_KEYS + " keys");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : object.entrySet()) {
      if (e.getKey().isBlank() || e.getKey().length() > 100) {
        throw ApiException.validation("metadata", "keys have 1 to 100 characters");
      }
      JsonValue v = e.getValue();
      switch (v.getValueType()) {
        case STRING -> metadata.put(e.getKey(), ((JsonString) v).getString());
        case NUMBER, TRUE, FALSE -> metadata.put(e.getKey(), v.toString());
        case NULL -> {}
        default ->
            throw ApiException.validation(
                "metadata", "values are strings, numbers or booleans (key " + e.getKey() + ")");
      }
    }
    return metadata;
  }

  private static JsonValue readJson(String value, String field) {
    try (JsonReader reader = Json.createReader(new StringReader(value))) {
      return reader.readValue();
    } catch (JsonException | IllegalStateException e) {
      throw ApiException.validation(field, "is not valid JSON");
    }
  }
}
