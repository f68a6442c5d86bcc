package io.artstore.admin.api.dto;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/v1/storage-elements/stats/summary}. */
public record RegistryStatsView(
    @Schema(description = "Registered elements", example = "2") long total,
    @Schema(description = "Elements per mode", example = "{\"edit\":1,\"rw\":1,\"ro\":0,\"ar\":0}")
        Map<String, Long> byMode,
    @Schema(
            description = "Elements per status",
            example = "{\"online\":2,\"offline\":0,\"degraded\":0}")
        Map<String, Long> byStatus,
    @Schema(description = "Capacity summed over all elements, by their last sync")
        Capacity capacity,
    @Schema(description = "Files over all elements, by their last sync", example = "120")
        long fileCount,
    @Schema(description = "The registry's current version", example = "42") long registryVersion) {

  /** Summed capacity. */
  public record Capacity(
      @Schema(example = "214748364800") long totalBytes,
      @Schema(example = "1048576") long usedBytes,
      @Schema(example = "214747316224") long availableBytes) {}
}
