package io.artstore.ingester.api;

import io.artstore.ingester.api.dto.Transfer;
import io.artstore.ingester.api.dto.TransferRequest;
import io.artstore.ingester.application.TransferDelegation;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Transfers between elements (SPEC §5.4), delegated to admin's coordinator with the caller's own
 * token; admin's answer comes back as it is.
 */
@Path("/api/v1/transfers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {
  @Inject TransferDelegation transfers;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Move files to another element (SPEC §5.4)",
      description =
          "Forwarded to admin's transfer coordinator with the caller's token; its answer is"
              + " relayed. Runs in the background, file after file; each file's switch (target"
              + " copy active, source copy removable, registry row) is one JTA transaction over"
              + " both elements and the registry. Temporary files go to edit elements, permanent"
              + " ones to rw elements; a file that cannot move rolls back alone. Poll the"
              + " Location (GET /api/v1/transfers/{id} on this ingester).")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = TransferRequest.class)))
  @APIResponse(
      responseCode = "202",
      description = "Accepted",
      headers =
          @Header(
              name = "Location",
              description = "The transfer on this ingester: /api/v1/transfers/{id}",
              schema = @Schema(type = SchemaType.STRING, format = "uri")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Transfer.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "VALIDATION_ERROR: file_ids (1-100 distinct UUIDs), target_storage_element_id (a"
              + " registered element)")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not ADMIN")
  @APIResponse(
      responseCode = "503",
      description =
          "SERVICE_UNAVAILABLE: admin is unreachable or cannot coordinate transfers; Retry-After")
  public Response start(@HeaderParam("Authorization") String authorization, String request) {
    return Relays.response(transfers.start(request, authorization, uriInfo.getBaseUri()));
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN, Roles.AUDITOR, Roles.USER})
  @Operation(
      summary = "A transfer's progress (SPEC §5.4)",
      description =
          "Relayed from admin's coordinator. ADMIN and AUDITOR see any transfer; USER the"
              + " finalizations it asked for.")
  @APIResponse(
      responseCode = "200",
      description = "The transfer with each file's state",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Transfer.class)))
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: a USER asking for another's")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(
      responseCode = "503",
      description = "SERVICE_UNAVAILABLE: admin is unreachable; Retry-After")
  public Response get(
      @Parameter(description = "The transfer id (a UUID)") @PathParam("id") String id,
      @HeaderParam("Authorization") String authorization) {
    return Relays.response(transfers.get(id, authorization, uriInfo.getBaseUri()));
  }
}
