package io.artstore.shared.discovery;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One registered storage element as discovery shows it to ingester and query. */
public record DiscoveredElement(
    @Schema(description = "Registry id (UUID)") String id,
    @Schema(example = "se-edit-1") String elementId,
    @Schema(example = "edit-1") String name,
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
    @Schema(example = "107374182400") long capacityTotalBytes,
    @Schema(example = "1048576") long capacityUsedBytes,
    @Schema(example = "107373133824") long capacityAvailableBytes,
    @Schema(example = "12") long fileCount,
    Instant lastSyncAt) {

  /** Whether uploads may go there now: online and in a mode that stores new files. */
  public boolean writable() {
    return "online".equals(status) && ("edit".equals(mode) || "rw".equals(mode));
  }
}
