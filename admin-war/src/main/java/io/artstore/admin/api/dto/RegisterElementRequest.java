package io.artstore.admin.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/storage-elements}: the element's URL and optional overrides. */
public record RegisterElementRequest(
    @Schema(
            description = "The element's base URL",
            example = "http://localhost:8010",
            required = true)
        String apiUrl,
    @Schema(
            description = "Display name (default: what the element calls itself)",
            example = "Working store")
        String name,
    @Schema(example = "Temporary files of the scanning department") String description,
    @Schema(
            description = "Lower is chosen first for uploads (default: the element's own)",
            example = "100")
        Integer priority) {}
