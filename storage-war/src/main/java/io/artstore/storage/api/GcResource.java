package io.artstore.storage.api;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import io.artstore.storage.application.FileService;
import io.artstore.storage.domain.FileAttributes;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Physical removal for admin's GC (SPEC §3.6): ADMIN service accounts only. */
@Path("/api/v1/gc/{id}")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class GcResource {
  @Inject FileService files;
  @Inject JsonWebToken token;

  /** Whether the element still holds the file. */
  public record Existence(
      @Schema(example = "7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11") String fileId,
      boolean exists,
      @Schema(enumeration = {"active", "deleted", "expired", "transferred"}) String status) {}

  @DELETE
  @Operation(
      summary = "Remove a file's bytes and attr.json for good",
      description =
          "Idempotent. Only files whose retention allows it: deleted or expired ones, temporary"
              + " ones past their expiry; anything else is RETENTION_LOCKED. With withdraw=true"
              + " (the ingester's compensation for an upload it could not register): any file,"
              + " whatever its retention, while it is younger than ARTSTORE_SE_WITHDRAW_WINDOW"
              + " (default PT15M) since its upload; older files are RETENTION_LOCKED. A copy left"
              + " by a committed transfer (status transferred) goes once"
              + " ARTSTORE_SE_TRANSFER_REMOVAL_MARGIN (default PT1H) has passed since the transfer,"
              + " on edit and rw elements; ro and ar elements keep it. A file held by a live"
              + " transfer branch is CONFLICT.")
  @APIResponse(responseCode = "204", description = "Removed, or was not there")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  @APIResponse(
      responseCode = "409",
      description =
          "RETENTION_LOCKED (withdraw: the file is older than the window; a transferred copy"
              + " before its margin), CONFLICT (held by a live transfer branch)")
  public Response purge(
      @PathParam("id") String id,
      @Parameter(
              description =
                  "true: withdraw an unacknowledged upload (retention ignored, only within the"
                      + " withdraw window)",
              schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
          @QueryParam("withdraw")
          String withdraw) {
    Principals.requireAdminServiceAccount(token);
    boolean withdrawing = parseFlag(withdraw);
    if (withdrawing) {
      UUID fileId = FilesResource.parseId(id);
      files.withdraw(fileId, token.getName() + " (" + token.getSubject() + ")");
    } else {
      files.purge(FilesResource.parseId(id));
    }
    return Response.noContent().build();
  }

  /** {@code true}/{@code false} (absent or empty: false); anything else is a client error. */
  static boolean parseFlag(String value) {
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("true")) {
      return true;
    }
    throw ApiException.validation("withdraw", "must be true or false");
  }

  @GET
  @Path("exists")
  @Operation(summary = "Whether the element holds the file (attr.json is the truth)")
  @APIResponse(responseCode = "200", description = "The answer, also when it does not exist")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  public Existence exists(@PathParam("id") String id) {
    Principals.requireAdminServiceAccount(token);
    UUID fileId;
    try {
      fileId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return new Existence(id, false, null);
    }
    Optional<FileAttributes> file = files.readAttr(fileId);
    return new Existence(id, file.isPresent(), file.map(f -> f.status().wireName()).orElse(null));
  }
}
