package io.artstore.admin.api.transfer;

import io.artstore.admin.application.registry.Actor;
import io.artstore.admin.application.transfer.TransferCoordinator;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.admin.infrastructure.TransferRepository;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Transfers of files between elements (SPEC §5.4); each file commits in its own XA transaction. */
@Path("/api/v1/transfers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {
  static final int MAX_FILES = 100;

  @Inject TransferCoordinator coordinator;
  @Inject TransferRepository transfers;
  @Inject StorageElementRepository elements;
  @Inject JsonWebToken caller;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Move files to another element",
      description =
          "Runs in the background, file after file; each file's switch (target copy active,"
              + " source copy removable, registry row) is one JTA transaction over both elements"
              + " and the registry. Temporary files go to edit elements, permanent ones to rw"
              + " elements. A file that cannot move (checksum, mode, changed meanwhile) rolls back"
              + " alone. Poll GET /api/v1/transfers/{id}.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted; Location names the transfer",
      content = @Content(schema = @Schema(implementation = TransferView.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR: file_ids (1-100 distinct UUIDs), target_storage_element_id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not ADMIN")
  @APIResponse(
      responseCode = "503",
      description = "SERVICE_UNAVAILABLE: this admin server cannot coordinate transfers")
  public Response start(TransferRequest request) {
    List<FieldViolation> violations = new ArrayList<>();
    List<UUID> fileIds = fileIds(request, violations);
    String target = request == null ? null : request.targetStorageElementId();
    if (target == null || target.isBlank()) {
      violations.add(new FieldViolation("target_storage_element_id", "is required"));
    } else if (elements.findByElementId(target).isEmpty()) {
      violations.add(
          new FieldViolation("target_storage_element_id", "no registered element " + target));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    UUID transferId;
    try {
      transferId =
          coordinator.startTransfer(
              fileIds, target, new Actor(caller.getName(), Principals.type(caller)));
    } catch (TransferCoordinator.Unavailable e) {
      throw new ApiException(ProblemCode.SERVICE_UNAVAILABLE, e.getMessage());
    }
    return Response.accepted(TransferView.of(transfers.find(transferId).orElseThrow()))
        .location(uriInfo.getBaseUriBuilder().path("api/v1/transfers/{id}").build(transferId))
        .build();
  }

  private static List<UUID> fileIds(TransferRequest request, List<FieldViolation> violations) {
    List<String> ids = request == null ? null : request.fileIds();
    if (ids == null || ids.isEmpty()) {
      violations.add(
          new FieldViolation("file_ids", "1 to " + MAX_FILES + " file ids are required"));
      return List.of();
    }
    if (ids.size() > MAX_FILES) {
      violations.add(new FieldViolation("file_ids", "at most " + MAX_FILES + " file ids"));
    }
    Set<UUID> distinct = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      try {
        if (!distinct.add(UUID.fromString(String.valueOf(ids.get(i))))) {
          violations.add(new FieldViolation("file_ids[" + i + "]", "is listed twice"));
        }
      } catch (IllegalArgumentException e) {
        violations.add(new FieldViolation("file_ids[" + i + "]", "must be a UUID"));
      }
    }
    return List.copyOf(distinct);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN, Roles.AUDITOR, Roles.USER})
  @Operation(
      summary = "A transfer's progress",
      description = "ADMIN and AUDITOR see any transfer; USER the finalizations it asked for.")
  @APIResponse(
      responseCode = "200",
      description = "The transfer with each file's state",
      content = @Content(schema = @Schema(implementation = TransferView.class)))
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
  @APIResponse(responseCode = "403", description = "FORBIDDEN")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  public TransferView get(@PathParam("id") String id) {
    UUID transferId;
    try {
      transferId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No transfer " + id + ".");
    }
    TransferRepository.Transfer transfer =
        transfers
            .find(transferId)
            .orElseThrow(() -> ApiException.notFound("No transfer " + id + "."));
    boolean privileged =
        caller.getGroups().contains(Roles.ADMIN)
            || caller.getGroups().contains(Roles.SUPER_ADMIN)
            || caller.getGroups().contains(Roles.AUDITOR);
    if (!privileged && !caller.getName().equals(transfer.requestedByName())) {
      throw new ApiException(ProblemCode.FORBIDDEN, "This transfer was asked for by someone else.");
    }
    return TransferView.of(transfer);
  }

  /** The problem a file that did not move answers with (finalize is synchronous). */
  public static ApiException problemOf(String code, String detail) {
    ProblemCode problem;
    int status;
    try {
      problem = ProblemCode.valueOf(code);
      status = problem.defaultStatus();
    } catch (IllegalArgumentException | NullPointerException e) {
      problem = ProblemCode.CONFLICT;
      status = 409;
    }
    if (problem == ProblemCode.CHECKSUM_MISMATCH || problem == ProblemCode.VALIDATION_ERROR) {
      // Not the caller's mistake: the copy did not match the registry's checksum.
      status = 409;
    }
    return new ApiException(problem, status, detail, List.of(), Map.of());
  }
}
