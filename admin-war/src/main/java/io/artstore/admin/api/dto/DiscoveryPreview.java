package io.artstore.admin.api.dto;

import io.artstore.shared.client.storage.ElementInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an element says about itself, before it is registered, and whether it already is. */
public record DiscoveryPreview(
    @Schema(description = "The element's base URL, normalised", example = "http://localhost:8010")
        String apiUrl,
    @Schema(description = "What the element says about itself") ElementInfo element,
    @Schema(
            description = "Whether this URL or this element id is registered already",
            example = "false")
        boolean alreadyRegistered,
    @Schema(description = "The registry id when already registered") UUID registryId) {

  public DiscoveryPreview(String apiUrl, ElementInfo element) {
    this(apiUrl, element, false, null);
  }
}
