package io.artstore.ingester.api.dto;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an upload (SPEC §5.1): what was stored where. */
@Schema(name = "UploadedFile")
public record UploadedFile(
    @Schema(example = "7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11") String fileId,
    @Schema(example = "Quarterly report.pdf") String originalFilename,
    @Schema(description = "Size of the original bytes", example = "1048576") long sizeBytes,
    @Schema(
            description = "SHA-256 of the original bytes, hex",
            example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
        String checksum,
    @Schema(example = "application/pdf") String contentType,
    @Schema(
            enumeration = {"temporary", "permanent"},
            example = "temporary")
        String retentionPolicy,
    @Schema(example = "30") Integer ttlDays,
    Instant expiresAt,
    @Schema(example = "se-edit-1") String storageElementId,
    Instant uploadedAt,
    @Schema(description = "Whether the element stores the bytes compressed") boolean compressed,
    @Schema(
            enumeration = {"gzip", "zstd"},
            description = "The algorithm, when compressed")
        String compression) {

  /** From the element's attr.json answer (StoredFile). */
  public static UploadedFile of(JsonObject stored, String requestedCompression) {
    String compression = compressionOf(stored, requestedCompression);
    return new UploadedFile(
        stored.getString("file_id"),
        stored.getString("original_filename", null),
        stored.getJsonNumber("size_bytes").longValue(),
        stored.containsKey("checksum") && stored.get("checksum") instanceof JsonObject c
            ? c.getString("value", null)
            : null,
        stored.getString("content_type", null),
        stored.getString("retention_policy", null),
        stored.get("ttl_days") instanceof JsonNumber n ? n.intValue() : null,
        instant(stored, "expires_at"),
        stored.getString("storage_element_id", null),
        instant(stored, "created_at"),
        compression != null,
        compression);
  }

  private static String compressionOf(JsonObject stored, String requested) {
    JsonValue value = stored.get("compression");
    if (value instanceof JsonObject o) {
      return o.getString("algorithm", null);
    }
    if (value != null && value.getValueType() == JsonValue.ValueType.STRING) {
      String s = ((jakarta.json.JsonString) value).getString();
      return s.equals("none") ? null : s;
    }
    return requested == null || requested.equals("none") ? null : requested;
  }

  private static Instant instant(JsonObject o, String key) {
    return o.get(key) instanceof jakarta.json.JsonString s ? Instant.parse(s.getString()) : null;
  }
}
