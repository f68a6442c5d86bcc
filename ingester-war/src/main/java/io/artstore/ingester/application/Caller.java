package io.artstore.ingester.application;

/**
 * Who asked for the upload, from the validated token: the ingester stores the file in its own name
 * and records this identity as the uploader (SPEC §2.5).
 */
public record Caller(String id, String name) {}
