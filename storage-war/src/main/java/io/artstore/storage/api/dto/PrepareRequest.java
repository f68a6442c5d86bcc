package io.artstore.storage.api.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/transfers/{branch}/prepare} (documentation shape). */
@Schema(name = "TransferPrepareRequest")
public record PrepareRequest(
    @Schema(
            required = true,
            enumeration = {"target", "source"})
        String role,
    @Schema(required = true, format = "uuid") String fileId,
    @Schema(
            description =
                "Source only, optional: the attr.json version that was copied; a source whose file"
                    + " changed since votes no (CONFLICT)")
        Long version) {}
