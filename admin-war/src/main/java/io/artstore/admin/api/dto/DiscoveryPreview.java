package io.artstore.admin.api.dto;

import io.artstore.shared.client.storage.ElementInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an element says about itself, before it is registered. */
public record DiscoveryPreview(
    @Schema(description = "The element's base URL, normalised", example = "http://localhost:8010")
        String apiUrl,
    @Schema(description = "What the element says about itself") ElementInfo element) {}
