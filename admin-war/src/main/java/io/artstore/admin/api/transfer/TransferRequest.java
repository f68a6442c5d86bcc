package io.artstore.admin.api.transfer;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/v1/transfers: which files go where. */
@Schema(name = "TransferRequest")
public record TransferRequest(
    @Schema(description = "1 to 100 distinct file ids", required = true) List<String> fileIds,
    @Schema(example = "se-rw-1", required = true) String targetStorageElementId) {}
