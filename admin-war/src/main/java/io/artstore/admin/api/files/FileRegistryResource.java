package io.artstore.admin.api.files;

import io.artstore.admin.api.transfer.TransfersResource;
import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.files.FileRegistry;
import io.artstore.admin.application.registry.Actor;
import io.artstore.admin.application.transfer.TransferCoordinator;
import io.artstore.admin.domain.transfer.ItemState;
import io.artstore.admin.infrastructure.FileRegistryRepository;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/files}: the cluster-wide file registry (SPEC §4). */
@Path("/api/v1/files")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FileRegistryResource {
  @Inject FileRegistry registry;
  @Inject TransferCoordinator transfers;
  @Inject AuditLog audit;
  @Inject JsonWebToken caller;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.ADMIN)
  @Operation(
      summary = "Register a stored file (the ingester, after the element answered 201)",
      description =
          "The body is the element's answer (its attr.json). Idempotent: the same or an older"
              + " version changes nothing (200), a newer version replaces the record (200), a new"
              + " file is 201. Writes file.created / file.updated to the event outbox in the same"
              + " transaction. ADMIN service accounts only.")
  @APIResponse(responseCode = "201", description = "Registered")
  @APIResponse(responseCode = "200", description = "Already registered (or updated)")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  public Response register(StoredFile file) {
    Principals.requireAdminServiceAccount(caller);
    FileRegistry.Registration registration = registry.register(file);
    if (registration.outcome() != FileRegistryRepository.Outcome.UNCHANGED) {
      audit.record(
          caller.getName(),
          Principals.type(caller),
          registration.outcome() == FileRegistryRepository.Outcome.CREATED
              ? "file.register"
              : "file.update",
          "file:" + registration.file().fileId(),
          "success",
          Map.of(
              "storage_element_id", registration.file().storageElementId(),
              "version", registration.file().version()));
    }
    Response.ResponseBuilder response =
        registration.outcome() == FileRegistryRepository.Outcome.CREATED
            ? Response.created(
                uriInfo
                    .getBaseUriBuilder()
                    .path("api/v1/files/{id}")
                    .build(registration.file().fileId()))
            : Response.ok();
    return response.entity(registration.file()).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
  @Operation(
      summary = "List registered files",
      description =
          "Newest first; filters status, retention_policy, storage_element_id, uploaded_by (id"
              + " or name) combine with AND.")
  @APIResponse(responseCode = "200", description = "A page of files")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: paging or a filter")
  public Page<StoredFile> list(
      @QueryParam("status") String status,
      @QueryParam("retention_policy") String retentionPolicy,
      @QueryParam("storage_element_id") String storageElementId,
      @QueryParam("uploaded_by") String uploadedBy,
      @Parameter(
              description =
                  "Keyset paging for exports: only files whose file_id is greater, in file_id"
                      + " order (pass the last file_id of the previous page)")
          @QueryParam("after")
          String after,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return registry.list(
        new FileRegistryRepository.Filter(
            blankToNull(status),
            blankToNull(retentionPolicy),
            blankToNull(storageElementId),
            blankToNull(uploadedBy),
            FileRegistry.parseAfter(blankToNull(after))),
        PageRequest.parse(limit, offset));
  }

  @POST
  @Path("rebuild")
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Rebuild an element's part of the registry from the element",
      description =
          "Lists every file the element holds (with the caller's token) and registers it (newest"
              + " version wins); registry rows of that element it no longer holds are removed"
              + " (file.removed events).")
  @APIResponse(responseCode = "200", description = "What the rebuild did")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: unknown element_id")
  @APIResponse(responseCode = "502", description = "SE_UNAVAILABLE")
  public FileRegistry.RebuildReport rebuild(
      @QueryParam("element_id") String elementId,
      @HeaderParam("Authorization") String authorization) {
    if (elementId == null || elementId.isBlank()) {
      throw io.artstore.shared.api.problem.ApiException.validation("element_id", "is required");
    }
    FileRegistry.RebuildReport report = registry.rebuild(elementId.trim(), authorization);
    audit.record(
        caller.getName(),
        Principals.type(caller),
        "file.registry_rebuild",
        "storage_element:" + report.storageElementId(),
        "success",
        Map.of(
            "files_on_element", report.filesOnElement(),
            "created", report.created(),
            "removed", report.removed()));
    return report;
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Change description, tags or metadata, on the element first",
      description =
          "Forwarded to the file's element with the caller's token and If-Match (attr.json stays"
              + " the truth: owner or ADMIN, edit/rw modes), then the registry records the"
              + " element's new document. The element's refusals keep their status and code.")
  @APIResponse(responseCode = "200", description = "The new record")
  @APIResponse(responseCode = "403", description = "FORBIDDEN (the element's ownership rule)")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED")
  @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED")
  @APIResponse(responseCode = "502", description = "SE_UNAVAILABLE: nothing was changed")
  public StoredFile update(
      @PathParam("id") String id,
      @HeaderParam("If-Match") String ifMatch,
      @HeaderParam("Authorization") String authorization,
      String patch) {
    StoredFile updated = registry.update(id, patch == null ? "{}" : patch, ifMatch, authorization);
    audit.record(
        caller.getName(),
        Principals.type(caller),
        "file.update",
        "file:" + updated.fileId(),
        "success",
        Map.of("version", updated.version()));
    return updated;
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Delete a file, on the element first",
      description =
          "Forwarded to the file's element with the caller's token (edit elements only; owner or"
              + " ADMIN; retention applies); the registry then records the element's deleted"
              + " document. GC removes the bytes later.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "403", description = "FORBIDDEN")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED, RETENTION_LOCKED")
  @APIResponse(responseCode = "502", description = "SE_UNAVAILABLE: nothing was changed")
  public Response delete(
      @PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
    StoredFile deleted = registry.delete(id, authorization);
    audit.record(
        caller.getName(),
        Principals.type(caller),
        "file.delete",
        "file:" + deleted.fileId(),
        "success",
        Map.of("storage_element_id", deleted.storageElementId()));
    return Response.noContent().build();
  }

  @POST
  @Path("{id}/finalize")
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Make a temporary file permanent (SPEC §5.4)",
      description =
          "Moves the file from its edit element to an rw element (the one in"
              + " target_storage_element_id, or the online rw element with room: lowest priority,"
              + " then most free space) in one JTA transaction over both elements and the"
              + " registry; the file keeps its id, name, metadata and checksum and becomes"
              + " permanent. Synchronous. The owner (USER) or ADMIN. The answer is the new"
              + " record; X-Transfer-Id names the transfer (GET /api/v1/transfers/{id}).")
  @APIResponse(responseCode = "200", description = "Finalized: the file's new record")
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
      description = "NO_STORAGE_AVAILABLE (no rw element with room), SERVICE_UNAVAILABLE")
  public Response finalizeFile(@PathParam("id") String id, String body) {
    FinalizeRequest request = FinalizeRequest.parse(body);
    StoredFile file = registry.get(id);
    boolean admin =
        caller.getGroups().contains(Roles.ADMIN) || caller.getGroups().contains(Roles.SUPER_ADMIN);
    if (!admin
        && (file.uploadedBy() == null || !caller.getSubject().equals(file.uploadedBy().id()))) {
      throw new ApiException(ProblemCode.FORBIDDEN, "Only the file's owner or ADMIN finalizes it.");
    }
    Map.Entry<UUID, TransferCoordinator.Outcome> result;
    try {
      result =
          transfers.finalizeFile(
              UUID.fromString(file.fileId()),
              request == null ? null : request.targetStorageElementId(),
              new Actor(caller.getName(), Principals.type(caller)));
    } catch (TransferCoordinator.Unavailable e) {
      throw new ApiException(ProblemCode.SERVICE_UNAVAILABLE, e.getMessage());
    }
    TransferCoordinator.Outcome outcome = result.getValue();
    if (outcome.state() != ItemState.COMMITTED) {
      throw TransfersResource.problemOf(outcome.code(), outcome.detail());
    }
    return Response.ok(outcome.file()).header("X-Transfer-Id", result.getKey().toString()).build();
  }

  /** POST /api/v1/files/{id}/finalize: optionally, which rw element takes the file. */
  public record FinalizeRequest(String targetStorageElementId) {
    /** The body is optional: none (or {}) lets admin choose the rw element. */
    static FinalizeRequest parse(String body) {
      if (body == null || body.isBlank()) {
        return null;
      }
      try {
        return io.artstore.shared.api.json.JsonbConfigResolver.jsonb()
            .fromJson(body, FinalizeRequest.class);
      } catch (RuntimeException e) {
        throw new ApiException(
            ProblemCode.BAD_REQUEST,
            "The body must be a JSON object like {\"target_storage_element_id\":\"se-rw-1\"}.");
      }
    }
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
  @Operation(summary = "One registered file")
  @APIResponse(responseCode = "200", description = "The record")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  public StoredFile get(@PathParam("id") String id) {
    return registry.get(id);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
