package io.artstore.shared.client.storage;

import jakarta.json.bind.annotation.JsonbCreator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A stored file as the APIs show it: the content of its attr.json (schema 2, SPEC §3.1). The
 * element answers with it, the ingester passes it on, admin's file registry keeps it.
 */
@Schema(name = "StoredFile")
public record StoredFile(
    @Schema(example = "2") String schemaVersion,
    @Schema(example = "7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11") String fileId,
    @Schema(example = "Quarterly report.pdf") String originalFilename,
    @Schema(
            example =
                "Quarterly report_alice_20261122T020000_7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11.pdf")
        String storageFilename,
    @Schema(example = "2026/11/22/02/") String storagePath,
    @Schema(example = "1048576") long sizeBytes,
    @Schema(example = "application/pdf") String contentType,
    Checksum checksum,
    Instant createdAt,
    Instant updatedAt,
    Uploader uploadedBy,
    @Schema(example = "Q3 figures") String description,
    @Schema(example = "[\"finance\",\"q3\"]") List<String> tags,
    @Schema(example = "{\"department\":\"finance\"}") Map<String, String> metadata,
    @Schema(
            enumeration = {"temporary", "permanent"},
            example = "temporary")
        String retentionPolicy,
    @Schema(example = "30") Integer ttlDays,
    Instant expiresAt,
    @Schema(
            enumeration = {"active", "deleted", "expired"},
            example = "active")
        String status,
    @Schema(example = "se-edit-1") String storageElementId,
    @Schema(description = "+1 on every change; the ETag of the metadata is \"v<version>\"")
        long version,
    @Schema(
            description =
                "Absent when the bytes are stored as sent; else how they are stored. size_bytes"
                    + " and checksum always describe the original bytes.",
            enumeration = {"gzip", "zstd"},
            example = "gzip")
        String compression,
    @Schema(
            description = "Bytes the stored (compressed) data takes; absent when not compressed",
            example = "524288")
        Long storedSizeBytes,
    @Schema(description = "SHA-256 of the stored (compressed) bytes; absent when not compressed")
        Checksum storedChecksum) {

  /**
   * The canonical constructor is JSON-B's creator: with a second constructor Yasson no longer picks
   * a record's constructor by itself ("Multiple constructors found"). Fields missing from older
   * documents arrive as null.
   */
  @JsonbCreator
  public StoredFile {}

  /** A document without compression fields (files stored as sent; older elements). */
  public StoredFile(
      String schemaVersion,
      String fileId,
      String originalFilename,
      String storageFilename,
      String storagePath,
      long sizeBytes,
      String contentType,
      Checksum checksum,
      Instant createdAt,
      Instant updatedAt,
      Uploader uploadedBy,
      String description,
      List<String> tags,
      Map<String, String> metadata,
      String retentionPolicy,
      Integer ttlDays,
      Instant expiresAt,
      String status,
      String storageElementId,
      long version) {
    this(
        schemaVersion,
        fileId,
        originalFilename,
        storageFilename,
        storagePath,
        sizeBytes,
        contentType,
        checksum,
        createdAt,
        updatedAt,
        uploadedBy,
        description,
        tags,
        metadata,
        retentionPolicy,
        ttlDays,
        expiresAt,
        status,
        storageElementId,
        version,
        null,
        null,
        null);
  }

  /** SHA-256 of the content. */
  public record Checksum(
      @Schema(example = "sha256") String algorithm,
      @Schema(example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
          String value) {}

  /** The token subject and name of whoever uploaded the file. */
  public record Uploader(
      @Schema(example = "0b6f3c9e-1d2a-4c8e-9f0a-5b7c3d2e1f00") String id,
      @Schema(example = "sa_dev_ingester_1a2b3c4d") String name) {}
}
