package io.artstore.storage.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/mode/transition}. */
public record ModeTransitionRequest(
    @Schema(
            description = "The mode to move to",
            enumeration = {"ro", "ar"},
            example = "ro",
            required = true)
        String targetMode) {}
