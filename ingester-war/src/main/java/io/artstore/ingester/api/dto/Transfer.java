package io.artstore.ingester.api.dto;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A transfer and where each of its files is, as admin's coordinator reports it (GET
 * /api/v1/transfers/{id}). Documents admin's answer, which the ingester relays as it came.
 */
@Schema(name = "Transfer")
public record Transfer(
    @Schema(example = "0d6c2b8e-9f0a-4c61-8d8e-3f1b8f0b9a77") String transferId,
    @Schema(
            enumeration = {"transfer", "finalize"},
            example = "transfer")
        String kind,
    @Schema(
            enumeration = {"running", "completed", "partially_completed", "failed"},
            example = "running")
        String state,
    @Schema(example = "se-rw-1") String targetStorageElementId,
    @Schema(example = "alice") String requestedBy,
    Instant createdAt,
    @Schema(description = "Absent while running") Instant finishedAt,
    @Schema(example = "2") int total,
    @Schema(example = "1") int committed,
    List<Item> items) {

  /** One file of the transfer. */
  @Schema(name = "TransferItem")
  public record Item(
      @Schema(example = "7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11") String fileId,
      @Schema(enumeration = {"pending", "staging", "committed", "rolled_back", "failed"})
          String state,
      @Schema(example = "se-edit-1") String sourceStorageElementId,
      @Schema(example = "se-rw-1") String targetStorageElementId,
      @Schema(
              description =
                  "Why it did not commit: a stable code (CONFLICT, MODE_NOT_ALLOWED, ...)")
          String errorCode,
      String errorDetail,
      Instant updatedAt) {}
}
