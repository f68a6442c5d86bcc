package io.artstore.shared.api.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One offending input field of a rejected request: its name as the client sent it, and why. */
public record FieldViolation(
    @Schema(example = "api_url") String field, @Schema(example = "is required") String message) {}
