package io.artstore.ingester.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * POST /api/v1/files/{id}/finalize, optional: which rw element takes the file. Documents the body,
 * which the ingester passes to admin as it came.
 */
@Schema(name = "FinalizeRequest")
public record FinalizeRequest(
    @Schema(
            description =
                "An rw element; absent: the online rw element with room (lowest priority, then"
                    + " most free space)",
            example = "se-rw-1")
        String targetStorageElementId) {}
