package io.artstore.admin.api.dto;

import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.shared.client.storage.ElementInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A registered storage element as the registry API shows it. */
public record StorageElementView(
    @Schema(description = "Registry id") UUID id,
    @Schema(description = "The element's own id", example = "se-edit-1") String elementId,
    @Schema(example = "Working store") String name,
    @Schema(example = "Temporary files of the scanning department") String description,
    @Schema(example = "http://localhost:8010") String apiUrl,
    @Schema(
            enumeration = {"edit", "rw", "ro", "ar"},
            example = "edit")
        String mode,
    @Schema(
            enumeration = {"online", "offline", "degraded"},
            example = "online")
        String status,
    @Schema(
            enumeration = {"local", "s3"},
            example = "local")
        String storageType,
    @Schema(description = "Lower is chosen first for uploads", example = "100") int priority,
    @Schema(description = "Capacity by the last sync") ElementInfo.Capacity capacity,
    @Schema(description = "Files held by the last sync", example = "12") long fileCount,
    @Schema(description = "Incremented on every change of this record", example = "3") long version,
    @Schema(description = "When the element was last asked for its /info") Instant lastSyncAt,
    @Schema(
            description = "Why the last sync failed (absent after a successful one)",
            example = "ConnectException: Connection refused")
        String lastError,
    @Schema(description = "Failed syncs in a row", example = "0") int consecutiveFailures,
    Instant createdAt,
    Instant updatedAt) {

  public static StorageElementView of(StorageElement e) {
    long total = e.capacityTotalBytes();
    long used = e.capacityUsedBytes();
    double percent = total <= 0 ? 100.0 : Math.round(used * 10_000.0 / total) / 100.0;
    return new StorageElementView(
        e.id(),
        e.elementId(),
        e.name(),
        e.description(),
        e.apiUrl(),
        e.mode(),
        e.status().wireName(),
        e.storageType(),
        e.priority(),
        new ElementInfo.Capacity(total, used, e.capacityAvailableBytes(), percent),
        e.fileCount(),
        e.version(),
        e.lastSyncAt(),
        e.lastError(),
        e.consecutiveFailures(),
        e.createdAt(),
        e.updatedAt());
  }
}
