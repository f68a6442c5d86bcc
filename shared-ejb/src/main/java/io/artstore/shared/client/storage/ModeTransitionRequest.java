package io.artstore.shared.client.storage;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/mode/transition} of a storage element. */
public record ModeTransitionRequest(
    @Schema(
            enumeration = {"ro", "ar"},
            example = "ro",
            required = true)
        String targetMode) {}
