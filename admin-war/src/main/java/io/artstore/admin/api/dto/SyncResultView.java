package io.artstore.admin.api.dto;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The per-element outcomes of {@code POST /api/v1/storage-elements/sync-all}. */
public record SyncResultView(
    @Schema(example = "2") int synced,
    @Schema(example = "1") int failed,
    @Schema(description = "One result per registered element") List<Item> results) {

  /** One element's sync. */
  public record Item(
      @Schema(description = "Registry id") UUID id,
      @Schema(example = "se-edit-1") String elementId,
      @Schema(example = "http://localhost:8010") String apiUrl,
      @Schema(description = "The element answered", example = "true") boolean success,
      @Schema(
              enumeration = {"online", "offline", "degraded"},
              example = "online")
          String status,
      @Schema(description = "Why it failed", example = "ConnectException: Connection refused")
          String error) {}
}
