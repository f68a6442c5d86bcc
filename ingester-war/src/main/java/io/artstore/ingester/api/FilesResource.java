package io.artstore.ingester.api;

import io.artstore.ingester.application.FileDeletion;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/files/{id}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
  @Inject FileDeletion deletion;

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
}
