package io.artstore.admin.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/storage-elements/discover}: the element's base URL. */
public record DiscoverRequest(
    @Schema(
            description = "The element's base URL",
            example = "http://localhost:8010",
            required = true)
        String apiUrl) {}
