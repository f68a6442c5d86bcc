package io.artstore.admin.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/v1/storage-elements/{id}}: the fields an operator owns; absent = unchanged. */
public record UpdateElementRequest(
    @Schema(example = "Working store") String name,
    @Schema(example = "Temporary files of the scanning department") String description,
    @Schema(example = "50") Integer priority,
    @Schema(
            description = "New base URL; it must not serve another element",
            example = "http://se-edit-1.internal:8010")
        String apiUrl) {}
