package io.artstore.storage.api;

import io.artstore.shared.api.multipart.Limits;
import io.artstore.shared.api.multipart.MultipartReader;
import io.artstore.shared.api.multipart.Part;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.security.Roles;
import io.artstore.storage.api.dto.FileViews;
import io.artstore.storage.application.FileService;
import io.artstore.storage.application.FileService.PendingUpload;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.FileStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/files")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class FilesResource {
  static final String[] READERS = {
    Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN
  };
  private static final int MAX_FIELD_BYTES = 64 * 1024;

  @Inject FileService files;
  @Inject JsonWebToken token;
  @Context UriInfo uriInfo;

  @POST
  @Path("upload")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Store a file (multipart, streamed)",
      description =
          "Fields: file (required), description, tags (JSON array), metadata (JSON object),"
              + " retention_policy (temporary on edit elements, permanent on rw), ttl_days (1-365,"
              + " temporary only), file_id and uploaded_by (ADMIN service accounts; before the"
              + " file part), checksum (SHA-256 of the original bytes, 64 hex digits, optionally"
              + " prefixed sha256:; before or after the file part; mismatch: 400"
              + " CHECKSUM_MISMATCH and nothing stored), compress (none, gzip, zstd; before the"
              + " file part: compressed while streaming; size_bytes and checksum stay those of the"
              + " original bytes, compression and stored_size_bytes describe the stored ones). The"
              + " bytes are streamed to disk with their SHA-256; the answer is the new attr.json.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      properties = {
                        @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                        @SchemaProperty(name = "description", type = SchemaType.STRING),
                        @SchemaProperty(
                            name = "tags",
                            type = SchemaType.STRING,
                            example = "[\"finance\"]"),
                        @SchemaProperty(
                            name = "metadata",
                            type = SchemaType.STRING,
                            example = "{\"department\":\"finance\"}"),
                        @SchemaProperty(name = "retention_policy", type = SchemaType.STRING),
                        @SchemaProperty(name = "ttl_days", type = SchemaType.INTEGER),
                        @SchemaProperty(
                            name = "file_id",
                            type = SchemaType.STRING,
                            format = "uuid"),
                        @SchemaProperty(
                            name = "checksum",
                            type = SchemaType.STRING,
                            description =
                                "SHA-256 of the original bytes: 64 hex digits, optionally"
                                    + " prefixed sha256:",
                            pattern = "^(sha256:)?[0-9a-fA-F]{64}$"),
                        @SchemaProperty(
                            name = "compress",
                            type = SchemaType.STRING,
                            description = "How to store the bytes; before the file part",
                            enumeration = {"none", "gzip", "zstd"},
                            defaultValue = "none")
                      })))
  @APIResponse(responseCode = "201", description = "Stored; Location names the file")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR / BAD_REQUEST / CHECKSUM_MISMATCH")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED, CONFLICT, RETENTION_LOCKED")
  @APIResponse(responseCode = "413", description = "FILE_TOO_LARGE")
  @APIResponse(responseCode = "507", description = "STORAGE_FULL")
  public Response upload(
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") String contentLength,
      InputStream body) {
    UploadFormFields form = new UploadFormFields();
    PendingUpload pending = null;
    try {
      MultipartReader reader = MultipartReader.of(contentType, body, Limits.defaults());
      Part part;
      while ((part = reader.next()) != null) {
        if ("file".equals(part.name())) {
          if (pending != null) {
            throw ApiException.validation("file", "only one file per upload");
          }
          pending =
              files.startUpload(
                  form.build(),
                  part.filename().orElse(null),
                  part.contentType().orElse(null),
                  declaredLength(contentLength),
                  Requesters.of(token));
          pending.checkFields(form.build());
          pending.write(part.body());
        } else {
          if (pending != null && UploadFormFields.mustPrecedeFile(part.name())) {
            throw ApiException.validation(part.name(), "must come before the file part");
          }
          form.accept(part.name(), part.readString(MAX_FIELD_BYTES));
        }
      }
      if (pending == null) {
        throw ApiException.validation("file", "is required");
      }
      FileAttributes stored = pending.complete(form.build());
      return Response.created(
              uriInfo.getBaseUriBuilder().path("api/v1/files/{id}").build(stored.fileId()))
          .tag(unquote(stored.metadataEtag()))
          .entity(FileViews.of(stored))
          .build();
    } catch (FileService.RequestBodyException | IOException e) {
      abort(pending);
      throw UploadFormFields.bodyFailure(e);
    } catch (RuntimeException e) {
      abort(pending);
      throw e;
    }
  }

  private static void abort(PendingUpload pending) {
    if (pending != null) {
      pending.abort();
    }
  }

  private static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String unquote(String etag) {
    return etag.substring(1, etag.length() - 1);
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
  @Operation(
      summary = "List stored files",
      description =
          "Newest first; status filters (default: every status). Needs the metadata cache.")
  @APIResponse(responseCode = "200", description = "A page of files")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: paging or status")
  @APIResponse(
      responseCode = "503",
      description = "SERVICE_UNAVAILABLE: the cache database is down")
  public Page<StoredFile> list(
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("status") String status) {
    PageRequest page = PageRequest.parse(limit, offset);
    FileStatus filter = null;
    if (status != null && !status.isBlank()) {
      filter =
          FileStatus.parse(status)
              .filter(f -> f != FileStatus.TRANSFERRED) // never listed (DECISIONS D40)
              .orElseThrow(
                  () -> ApiException.validation("status", "must be active, deleted or expired"));
    }
    FileService.Listing listing = files.list(filter, page.limit(), page.offset());
    return Page.of(listing.items(), listing.total(), page).map(FileViews::of);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
  @Operation(
      summary = "A file's attributes",
      description = "From the cache, or from attr.json when the cache misses or is down.")
  @APIResponse(responseCode = "200", description = "The attributes; ETag is the metadata version")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  public Response get(@PathParam("id") String id) {
    FileAttributes file = files.require(parseId(id));
    return Response.ok(FileViews.of(file)).tag(unquote(file.metadataEtag())).build();
  }

  @PATCH
  @Path("{id}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Change description, tags or metadata",
      description =
          "Absent fields stay; description null clears it. If-Match with the ETag (\"v<version>\")"
              + " guards against lost updates. Owner or ADMIN; edit and rw elements.")
  @RequestBody(
      content =
          @Content(schema = @Schema(implementation = io.artstore.storage.api.dto.FilePatch.class)))
  @APIResponse(responseCode = "200", description = "The new attributes")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not the owner")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED, CONFLICT (not active)")
  @APIResponse(responseCode = "412", description = "PRECONDITION_FAILED: If-Match does not match")
  public Response patch(
      @PathParam("id") String id, @HeaderParam("If-Match") String ifMatch, JsonObject body) {
    UUID fileId = parseId(id);
    if (body == null) {
      throw ApiException.validation("body", "a JSON object is required");
    }
    Optional<String> description = Optional.empty();
    if (body.containsKey("description")) {
      JsonValue v = body.get("description");
      if (v.getValueType() == JsonValue.ValueType.NULL) {
        description = Optional.of("");
      } else if (v instanceof JsonString s) {
        description = Optional.of(s.getString());
      } else {
        throw ApiException.validation("description", "must be a string or null");
      }
    }
    Optional<List<String>> tags = Optional.empty();
    if (body.containsKey("tags")) {
      if (!(body.get("tags") instanceof JsonArray array)) {
        throw ApiException.validation("tags", "must be an array of strings");
      }
      UploadFormFields parsed = new UploadFormFields();
      parsed.accept("tags", array.toString());
      tags = Optional.of(parsed.build().tags());
    }
    Optional<Map<String, String>> metadata = Optional.empty();
    if (body.containsKey("metadata")) {
      if (!(body.get("metadata") instanceof JsonObject object)) {
        throw ApiException.validation("metadata", "must be an object");
      }
      metadata = Optional.of(UploadFormFields.metadataOf(object));
    }
    List<String> unknown = new ArrayList<>(body.keySet());
    unknown.removeAll(List.of("description", "tags", "metadata"));
    if (!unknown.isEmpty()) {
      throw ApiException.validation(
          unknown.get(0), "cannot be changed (only description, tags, metadata)");
    }
    FileAttributes updated =
        files.updateMetadata(fileId, description, tags, metadata, ifMatch, Requesters.of(token));
    return Response.ok(FileViews.of(updated)).tag(unquote(updated.metadataEtag())).build();
  }

  @DELETE
  @Path("{id}")
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Delete a file",
      description =
          "Marks it deleted (GC removes the bytes later). Edit elements only; owner or ADMIN;"
              + " a permanent file, or a temporary one before expiry deleted by someone else, is"
              + " RETENTION_LOCKED.")
  @APIResponse(responseCode = "204", description = "Deleted (or already)")
  @APIResponse(responseCode = "403", description = "FORBIDDEN")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED, RETENTION_LOCKED")
  public Response delete(@PathParam("id") String id) {
    files.delete(parseId(id), Requesters.of(token));
    return Response.noContent().build();
  }

  static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ProblemCode.NOT_FOUND, "No file " + id + " here.");
    }
  }
}
