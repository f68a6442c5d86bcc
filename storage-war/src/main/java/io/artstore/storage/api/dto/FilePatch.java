package io.artstore.storage.api.dto;

import jakarta.json.JsonObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * PATCH body: the fields to change (absent = unchanged, {@code null} description = cleared). Read
 * as a JSON object so that "absent" and "null" stay distinguishable.
 */
@Schema(
    name = "FilePatch",
    example = "{\"description\":\"Q3 figures, final\",\"tags\":[\"finance\"],\"metadata\":{}}")
public record FilePatch(JsonObject body) {}
