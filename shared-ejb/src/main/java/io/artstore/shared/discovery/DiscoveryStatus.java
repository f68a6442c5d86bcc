package io.artstore.shared.discovery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The discovery part of {@code GET /api/v1/status} (ingester and query). */
public record DiscoveryStatus(
    @Schema(
            description = "Where the held snapshot was last confirmed from",
            enumeration = {"redis", "admin", "disk", "none"},
            example = "redis")
        String source,
    @Schema(description = "The held snapshot's version (0: none)", example = "42") long version,
    @Schema(description = "Storage elements in the held snapshot", example = "2") int elements,
    @Schema(
            description =
                "Seconds since the snapshot was adopted or last confirmed by its source (omitted"
                    + " when there is none)",
            example = "3")
        Long ageSeconds) {}
