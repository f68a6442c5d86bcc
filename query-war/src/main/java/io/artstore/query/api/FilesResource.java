package io.artstore.query.api;

import io.artstore.query.application.FileCatalog;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/files/{id}")
@RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
  @Inject FileCatalog catalog;

  @GET
  @Operation(
      summary = "A file's metadata",
      description =
          "From the caches or the search index (admin's registry for a file uploaded a moment"
              + " ago). Deleted and expired files are shown with their status. ETag \"v<version>\";"
              + " If-None-Match gives 304.")
  @APIResponse(
      responseCode = "200",
      description = "The file",
      content = @Content(schema = @Schema(implementation = StoredFile.class)))
  @APIResponse(responseCode = "304", description = "Not modified")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: not a file id")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  public Response get(
      @PathParam("id") String id, @HeaderParam("If-None-Match") String ifNoneMatch) {
    StoredFile file = require(catalog, id);
    EntityTag etag = new EntityTag("v" + file.version());
    if (ifNoneMatch != null
        && (ifNoneMatch.strip().equals("*") || ifNoneMatch.contains(etag.toString()))) {
      return Response.notModified(etag).build();
    }
    return Response.ok(file).tag(etag).build();
  }

  /** The file with this id, or 400 (not a UUID) / 404. */
  static StoredFile require(FileCatalog catalog, String id) {
    UUID fileId = parseId(id);
    return catalog.find(fileId).orElseThrow(() -> ApiException.notFound("No file " + fileId + "."));
  }

  static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("id", "must be a file id (UUID)");
    }
  }
}
