package io.artstore.shared.api.problem;

/** One offending input field of a rejected request: its name as the client sent it, and why. */
public record FieldViolation(String field, String message) {}
