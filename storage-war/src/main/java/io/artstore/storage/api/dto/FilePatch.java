package io.artstore.storage.api.dto;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documented shape of a PATCH body. The resource reads the body as a JSON object itself, so
 * that an absent field (unchanged) and {@code "description": null} (cleared) stay apart; this
 * record only describes it in the OpenAPI document.
 */
@Schema(
    name = "FilePatch",
    example = "{\"description\":\"Q3 figures, final\",\"tags\":[\"finance\"],\"metadata\":{}}")
public record FilePatch(
    @Schema(description = "New description; null clears it", nullable = true) String description,
    @Schema(description = "Replaces the tags") List<String> tags,
    @Schema(description = "Replaces the user metadata (flat: strings, numbers, booleans)")
        Map<String, String> metadata) {}
