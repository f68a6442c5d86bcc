package io.artstore.shared.client.storage;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A storage element's self-description, {@code GET /api/v1/info} (SPEC §3.6): what admin's
 * registry, discovery and health sync read from every element.
 */
public record ElementInfo(
    @Schema(description = "Stable id of the element", example = "se-edit-1") String elementId,
    @Schema(example = "edit-1") String name,
    @Schema(example = "Working store") String displayName,
    @Schema(description = "ArtStore version the element runs", example = "0.1.0") String version,
    @Schema(
            enumeration = {"edit", "rw", "ro", "ar"},
            example = "edit")
        String mode,
    @Schema(
            enumeration = {"local", "s3"},
            example = "local")
        String storageType,
    @Schema(
            enumeration = {"online", "degraded"},
            example = "online")
        String status,
    @Schema(description = "Lower is chosen first for uploads", example = "100") int priority,
    Capacity capacity,
    @Schema(description = "Files stored", example = "0") long fileCount,
    @Schema(
            description = "What the element's mode allows",
            example = "[\"upload\",\"read\",\"download\",\"update_metadata\",\"delete\"]")
        List<String> allowedOperations,
    @Schema(
            description = "Default retention of temporary files (edit elements only)",
            example = "30")
        Integer retentionDays) {

  /**
   * Bytes the element may hold ({@code total}: the configured maximum, never more than the disk
   * really has), holds ({@code used}) and can still take ({@code available}).
   */
  public record Capacity(
      @Schema(example = "107374182400") long totalBytes,
      @Schema(example = "1048576") long usedBytes,
      @Schema(example = "107373133824") long availableBytes,
      @Schema(example = "0.01") double percentUsed) {

    public static Capacity of(long totalBytes, long usedBytes) {
      long available = Math.max(0, totalBytes - usedBytes);
      double percent =
          totalBytes <= 0 ? 100.0 : Math.round(usedBytes * 10_000.0 / totalBytes) / 100.0;
      return new Capacity(totalBytes, usedBytes, available, percent);
    }
  }
}
