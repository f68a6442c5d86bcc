package io.artstore.admin.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/storage-elements/{id}/mode}. */
public record ModeRequest(
    @Schema(
            enumeration = {"ro", "ar"},
            example = "ro",
            required = true)
        String targetMode) {}
