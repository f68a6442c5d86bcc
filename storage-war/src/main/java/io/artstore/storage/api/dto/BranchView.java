package io.artstore.storage.api.dto;

import io.artstore.storage.domain.transfer.TransferBranch;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A transfer branch as the element answers it (DECISIONS D40). */
@Schema(name = "TransferBranch", description = "One transfer branch on this element")
public record BranchView(
    @Schema(
            description = "The coordinator's branch id (base64url of the XID)",
            example = "AAABAGd0cmlkLTEAYnF1YWwtdGFyZ2V0")
        String branch,
    @Schema(enumeration = {"target", "source"}) String role,
    @Schema(format = "uuid", example = "7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11") String fileId,
    @Schema(
            enumeration = {
              "staging",
              "staged",
              "prepared",
              "committing",
              "committed",
              "rolled_back"
            })
        String state,
    @Schema(description = "Bytes staged (target) or of the file (source)") Long sizeBytes,
    @Schema(description = "SHA-256 of the bytes, lower-case hex") String checksum,
    Instant createdAt,
    Instant updatedAt,
    @Schema(description = "When the branch voted yes") Instant preparedAt,
    @Schema(description = "When it was committed or rolled back") Instant resolvedAt,
    @Schema(description = "The code of its no vote, when it voted no") String refusalCode,
    @Schema(
            description =
                "Target: the attr.json document the file gets here at commit (what the"
                    + " coordinator records in the registry in the same transaction)")
        JsonObject document) {

  public static BranchView of(TransferBranch b) {
    return new BranchView(
        b.branch().value(),
        b.role().wireName(),
        b.fileId().toString(),
        b.state().wireName(),
        b.sizeBytes() < 0 ? null : b.sizeBytes(),
        b.checksum(),
        b.createdAt(),
        b.updatedAt(),
        b.preparedAt(),
        b.resolvedAt(),
        b.refusalCode(),
        b.document() == null
            ? null
            : Json.createReader(new StringReader(b.document())).readObject());
  }
}
