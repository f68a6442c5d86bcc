package io.artstore.storage.api.dto;

/** {@code POST /api/v1/mode/transition}. */
public record ModeTransitionRequest(String targetMode) {}
