package io.artstore.admin.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transition the element made, and its registry record after the sync that followed. */
public record ModeChangeView(
    @Schema(example = "rw") String previousMode,
    @Schema(example = "ro") String mode,
    @Schema(description = "The registry record after the transition") StorageElementView element) {}
