package io.artstore.admin.api.transfer;

import io.artstore.admin.domain.transfer.TransferState;
import io.artstore.admin.infrastructure.TransferRepository;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transfer and where each of its files is (GET /api/v1/transfers/{id}). */
@Schema(name = "Transfer")
public record TransferView(
    String transferId,
    @Schema(enumeration = {"transfer", "finalize"}) String kind,
    @Schema(enumeration = {"running", "completed", "partially_completed", "failed"}) String state,
    String targetStorageElementId,
    String requestedBy,
    Instant createdAt,
    Instant finishedAt,
    int total,
    int committed,
    List<ItemView> items) {

  /** One file of the transfer. */
  @Schema(name = "TransferItem")
  public record ItemView(
      String fileId,
      @Schema(enumeration = {"pending", "staging", "committed", "rolled_back", "failed"})
          String state,
      String sourceStorageElementId,
      String targetStorageElementId,
      @Schema(
              description =
                  "Why it did not commit: a stable code (CONFLICT, MODE_NOT_ALLOWED, ...)")
          String errorCode,
      String errorDetail,
      Instant updatedAt) {}

  public static TransferView of(TransferRepository.Transfer t) {
    List<ItemView> items =
        t.items().stream()
            .map(
                i ->
                    new ItemView(
                        i.fileId().toString(),
                        i.state().wireName(),
                        i.sourceElementId(),
                        i.targetElementId(),
                        i.errorCode(),
                        i.errorDetail(),
                        i.updatedAt()))
            .toList();
    return new TransferView(
        t.transferId().toString(),
        t.kind(),
        TransferState.of(t.items().stream().map(TransferRepository.Item::state).toList())
            .wireName(),
        t.targetElementId(),
        t.requestedByName(),
        t.createdAt(),
        t.finishedAt(),
        items.size(),
        (int) items.stream().filter(i -> i.state().equals("committed")).count(),
        items);
  }
}
