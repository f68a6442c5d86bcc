package io.artstore.ingester.api;

import io.artstore.ingester.api.dto.FinalizeRequest;
import io.artstore.ingester.application.FileDeletion;
import io.artstore.ingester.application.TransferDelegation;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/files/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
  @Inject FileDeletion deletion;
  @Inject TransferDelegation transfers;
  @Context UriInfo uriInfo;

  @DELETE
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Delete a file (SPEC §5.3)",
      description =
          "Only files on edit elements, by their owner or an ADMIN. Applied on the element (its"
              + " WAL protocol; the bytes go at the next GC) and recorded in the registry.")
  @APIResponse(responseCode = "204", description = "Deleted (also when it already was)")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not the owner and not an ADMIN")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(
      responseCode = "409",
      description = "MODE_NOT_ALLOWED (not on an edit element), RETENTION_LOCKED")
  @APIResponse(responseCode = "502", description = "SE_UNAVAILABLE: the element failed")
  @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: admin is unreachable")
  public Response delete(
      @PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
    deletion.delete(id, authorization);
    return Response.noContent().build();
  }

  @POST
  @Path("finalize")
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Make a temporary file permanent (SPEC §5.4)",
      description =
          "Forwarded to admin's transfer coordinator with the caller's token; its answer is"
              + " relayed. Moves the file from its edit element to an rw element (the one in"
              + " target_storage_element_id, or the online rw element with room: lowest priority,"
              + " then most free space) in one JTA transaction over both elements and the"
              + " registry; the file keeps its id, name, metadata and checksum and becomes"
              + " permanent. Synchronous: the answer comes once the file has moved. The owner"
              + " (USER) or ADMIN. X-Transfer-Id names the transfer (GET /api/v1/transfers/{id}).")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = FinalizeRequest.class)))
  @APIResponse(
      responseCode = "200",
      description = "Finalized: the file's new registry record",
      headers =
          @Header(
              name = "X-Transfer-Id",
              description = "The transfer that moved the file",
              schema = @Schema(type = SchemaType.STRING, format = "uuid")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = StoredFile.class)))
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not the owner, nor ADMIN")
  @APIResponse(responseCode = "404", description = "NOT_FOUND: no such file or target element")
  @APIResponse(
      responseCode = "409",
      description =
          "CONFLICT (not active, permanent already, changed meanwhile, a participant voted no),"
              + " MODE_NOT_ALLOWED (not on an edit element; target not rw), CHECKSUM_MISMATCH"
              + " (the copy did not match the registry's checksum); nothing changed")
  @APIResponse(responseCode = "502", description = "SE_UNAVAILABLE: an element did not answer")
  @APIResponse(
      responseCode = "503",
      description =
          "NO_STORAGE_AVAILABLE (no rw element with room), SERVICE_UNAVAILABLE (admin is"
              + " unreachable or did not answer in time); Retry-After")
  public Response finalizeFile(
      @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization,
      String request) {
    return Relays.response(
        transfers.finalizeFile(id, request, authorization, uriInfo.getBaseUri()));
  }
}
