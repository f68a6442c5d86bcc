package io.artstore.ingester.api.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * POST /api/v1/transfers: which files go where. Documents the body, which the ingester passes to
 * admin as it came.
 */
@Schema(name = "TransferRequest")
public record TransferRequest(
    @Schema(
            description = "1 to 100 distinct file ids",
            required = true,
            example = "[\"7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11\"]")
        List<String> fileIds,
    @Schema(example = "se-rw-1", required = true) String targetStorageElementId) {}
