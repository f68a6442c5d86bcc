package io.artstore.ingester.api.dto;

import io.artstore.shared.client.storage.StoredFile;
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

  /** From the element's attr.json answer. */
  public static UploadedFile of(StoredFile stored) {
    return new UploadedFile(
        stored.fileId(),
        stored.originalFilename(),
        stored.sizeBytes(),
        stored.checksum() == null ? null : stored.checksum().value(),
        stored.contentType(),
        stored.retentionPolicy(),
        stored.ttlDays(),
        stored.expiresAt(),
        stored.storageElementId(),
        stored.createdAt(),
        stored.compression() != null,
        stored.compression());
  }
}
