package io.artstore.storage.infrastructure.attr;

import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.FileAttributes.Checksum;
import io.artstore.storage.domain.FileAttributes.Uploader;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.RetentionPolicy;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * attr.json on disk: schema 2 written, schema 2 and the original's schema 1 read (SPEC §3.1). The
 * field names are written explicitly here, not derived from the record, so that renaming a Java
 * accessor can never change a format that must stay readable for decades.
 */
public final class AttrJsonCodec {
  /** SPEC §3.1: an attr.json never exceeds this many bytes. */
  public static final int MAX_BYTES = 4096;

  private static final JsonWriterFactory WRITERS =
      Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));

  private AttrJsonCodec() {}

  /** Thrown when a document would exceed {@link #MAX_BYTES}; nothing has been written then. */
  public static final class TooLargeException extends RuntimeException {
    private final int size;

    public TooLargeException(int size) {
      super("attr.json would be " + size + " bytes; the limit is " + MAX_BYTES);
      this.size = size;
    }

    public int size() {
      return size;
    }
  }

  /** Thrown for a document that is not a readable attr.json. */
  public static final class MalformedException extends RuntimeException {
    public MalformedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public static byte[] encode(FileAttributes a) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    b.add("schema_version", FileAttributes.SCHEMA_VERSION);
    b.add("file_id", a.fileId().toString());
    addNullable(b, "original_filename", a.originalFilename());
    b.add("storage_filename", a.storageFilename());
    b.add("storage_path", a.storagePath());
    b.add("size_bytes", a.sizeBytes());
    addNullable(b, "content_type", a.contentType());
    b.add(
        "checksum",
        Json.createObjectBuilder()
            .add("algorithm", a.checksum().algorithm())
            .add("value", a.checksum().value()));
    addNullable(b, "created_at", a.createdAt());
    addNullable(b, "updated_at", a.updatedAt());
    if (a.uploadedBy() == null) {
      b.addNull("uploaded_by");
    } else {
      JsonObjectBuilder u = Json.createObjectBuilder();
      addNullable(u, "id", a.uploadedBy().id());
      addNullable(u, "name", a.uploadedBy().name());
      b.add("uploaded_by", u);
    }
    addNullable(b, "description", a.description());
    b.add("tags", Json.createArrayBuilder(a.tags()));
    JsonObjectBuilder metadata = Json.createObjectBuilder();
    new java.util.TreeMap<>(a.metadata()).forEach(metadata::add);
    b.add("metadata", metadata);
    b.add("retention_policy", a.retentionPolicy().wireName());
    if (a.ttlDays() == null) {
      b.addNull("ttl_days");
    } else {
      b.add("ttl_days", a.ttlDays());
    }
    addNullable(b, "expires_at", a.expiresAt());
    b.add("status", a.status().wireName());
    addNullable(b, "storage_element_id", a.storageElementId());
    b.add("version", a.version());
    if (a.transferredAt() != null) {
      // Optional, for readers (DECISIONS D40): equal to updated_at of the transferred version.
      b.add("transferred_at", a.transferredAt().toString());
    }
    if (a.storedEncoding() != null) {
      // Optional fields of schema 2, written only for compressed files: a reader that does not
      // know them still reads the document (size and checksum describe the original bytes).
      b.add("compression", a.storedEncoding().compression().wireName());
      b.add("stored_size_bytes", a.storedEncoding().sizeBytes());
      b.add(
          "stored_checksum",
          Json.createObjectBuilder()
              .add("algorithm", a.storedEncoding().checksum().algorithm())
              .add("value", a.storedEncoding().checksum().value()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonWriter writer = WRITERS.createWriter(out)) {
      writer.writeObject(b.build());
    }
    out.write('\n');
    if (out.size() > MAX_BYTES) {
      throw new TooLargeException(out.size());
    }
    return out.toByteArray();
  }

  /**
   * Reads schema 2, or schema 1 (no or a "1.x" {@code schema_version}; the original's {@code
   * file_size}, {@code created_by_*} and plain-string {@code checksum}), upgrading it in memory:
   * schema 1 knew no retention, so such files are permanent (the safe reading: never removed by
   * GC); the original's free-text {@code version} label is kept as the metadata value {@code
   * document_version}.
   */
  public static FileAttributes decode(byte[] json, String elementId) {
    JsonObject o;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
      o = reader.readObject();
    } catch (RuntimeException e) {
      throw new MalformedException("attr.json is not a JSON object", e);
    }
    try {
      String schema = string(o, "schema_version");
      if (schema == null || isMajor(schema, "1")) {
        return decodeV1(o, elementId);
      }
      if (!isMajor(schema, FileAttributes.SCHEMA_VERSION)) {
        throw new MalformedException("Unknown attr.json schema_version " + schema, null);
      }
      JsonObject checksum = o.getJsonObject("checksum");
      JsonValue uploader = o.get("uploaded_by");
      Uploader uploadedBy = null;
      if (uploader instanceof JsonObject u) {
        uploadedBy = new Uploader(string(u, "id"), string(u, "name"));
      }
      return new FileAttributes(
          FileAttributes.SCHEMA_VERSION,
          UUID.fromString(o.getString("file_id")),
          string(o, "original_filename"),
          o.getString("storage_filename"),
          o.getString("storage_path"),
          o.getJsonNumber("size_bytes").longValueExact(),
          string(o, "content_type"),
          new Checksum(checksum.getString("algorithm"), checksum.getString("value")),
          instant(o, "created_at"),
          instant(o, "updated_at"),
          uploadedBy,
          string(o, "description"),
          tags(o),
          metadata(o),
          RetentionPolicy.parse(string(o, "retention_policy"))
              .orElseThrow(() -> new IllegalArgumentException("retention_policy")),
          o.containsKey("ttl_days") && !o.isNull("ttl_days") ? o.getInt("ttl_days") : null,
          instant(o, "expires_at"),
          FileStatus.parse(string(o, "status"))
              .orElseThrow(() -> new IllegalArgumentException("status")),
          string(o, "storage_element_id") == null ? elementId : string(o, "storage_element_id"),
          o.getJsonNumber("version").longValueExact(),
          storedEncoding(o));
    } catch (MalformedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MalformedException("attr.json is not a valid schema-2 document: " + e, e);
    }
  }

  /** The optional compression fields; absent or "none" means stored as sent. */
  private static FileAttributes.StoredEncoding storedEncoding(JsonObject o) {
    String name = string(o, "compression");
    if (name == null) {
      return null;
    }
    Compression compression =
        Compression.parse(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown compression " + name));
    if (compression == Compression.NONE) {
      return null;
    }
    JsonObject stored = o.getJsonObject("stored_checksum");
    return new FileAttributes.StoredEncoding(
        compression,
        o.getJsonNumber("stored_size_bytes").longValueExact(),
        new Checksum(stored.getString("algorithm"), stored.getString("value")));
  }

  private static FileAttributes decodeV1(JsonObject o, String elementId) {
    String storagePath = string(o, "storage_path");
    if (storagePath != null && !storagePath.isEmpty() && !storagePath.endsWith("/")) {
      storagePath = storagePath + "/";
    }
    JsonValue checksum = o.get("checksum");
    String checksumValue =
        checksum instanceof JsonString s
            ? s.getString()
            : checksum instanceof JsonObject c ? c.getString("value") : string(o, "sha256");
    Map<String, String> metadata = new LinkedHashMap<>(metadata(o));
    String documentVersion = o.containsKey("version") ? asText(o.get("version")) : null;
    if (documentVersion != null) {
      metadata.putIfAbsent("document_version", documentVersion);
    }
    Instant created = instant(o, "created_at");
    Instant updated = instant(o, "updated_at");
    String uploaderId = firstNonNull(string(o, "created_by_id"), string(o, "uploaded_by"));
    String uploaderName = firstNonNull(string(o, "created_by_username"), uploaderId);
    Long size =
        o.containsKey("file_size")
            ? Long.valueOf(o.getJsonNumber("file_size").longValueExact())
            : o.containsKey("size_bytes")
                ? Long.valueOf(o.getJsonNumber("size_bytes").longValueExact())
                : null;
    if (size == null || checksumValue == null) {
      throw new MalformedException("schema-1 attr.json without file_size or checksum", null);
    }
    return new FileAttributes(
        FileAttributes.SCHEMA_VERSION,
        UUID.fromString(o.getString("file_id")),
        string(o, "original_filename"),
        o.getString("storage_filename"),
        storagePath == null ? "" : storagePath,
        size,
        firstNonNull(string(o, "content_type"), string(o, "mime_type")),
        Checksum.sha256(checksumValue),
        created,
        updated == null ? created : updated,
        uploaderId == null && uploaderName == null ? null : new Uploader(uploaderId, uploaderName),
        string(o, "description"),
        tags(o),
        metadata,
        RetentionPolicy.PERMANENT,
        null,
        null,
        FileStatus.ACTIVE,
        elementId,
        1);
  }

  /** "1" or "1.x" is major 1; "10" or "12.0" is not. */
  private static boolean isMajor(String schema, String major) {
    return schema.equals(major) || schema.startsWith(major + ".");
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static List<String> tags(JsonObject o) {
    if (!(o.get("tags") instanceof JsonArray array)) {
      return List.of();
    }
    List<String> tags = new ArrayList<>(array.size());
    for (JsonValue v : array) {
      tags.add(asText(v));
    }
    return tags;
  }

  private static Map<String, String> metadata(JsonObject o) {
    JsonValue value = o.get("metadata");
    if (!(value instanceof JsonObject object)) {
      return Map.of();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    object.forEach(
        (k, v) -> {
          if (v.getValueType() != JsonValue.ValueType.NULL) {
            metadata.put(k, asText(v));
          }
        });
    return metadata;
  }

  private static String asText(JsonValue v) {
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return v instanceof JsonString s ? s.getString() : v.toString();
  }

  private static String string(JsonObject o, String name) {
    return o.containsKey(name) ? asText(o.get(name)) : null;
  }

  /** RFC 3339; also the original's Python forms ("2025-01-10 15:30:45.123456+00:00", naive UTC). */
  private static Instant instant(JsonObject o, String name) {
    String text = string(o, name);
    if (text == null || text.isBlank()) {
      return null;
    }
    String iso = text.trim().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return Instant.parse(iso);
      }
    }
  }

  private static void addNullable(JsonObjectBuilder b, String name, String value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value);
    }
  }

  private static void addNullable(JsonObjectBuilder b, String name, Instant value) {
    if (value == null) {
      b.addNull(name);
    } else {
      b.add(name, value.toString());
    }
  }
}
