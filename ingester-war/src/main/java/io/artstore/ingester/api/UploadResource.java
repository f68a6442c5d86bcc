package io.artstore.ingester.api;

import io.artstore.ingester.api.dto.UploadedFile;
import io.artstore.ingester.application.Caller;
import io.artstore.ingester.application.UploadService;
import io.artstore.ingester.application.UploadService.UploadRequest;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/files/upload")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {
  @Inject UploadService uploads;
  @Inject JsonWebToken token;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed({Roles.ADMIN, Roles.USER, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Upload a file (multipart, streamed to a storage element)",
      description =
          "Fields: file (required), description, tags (JSON array), metadata (JSON object),"
              + " retention_policy (temporary, the default, on an edit element; permanent on an rw"
              + " element), ttl_days (1-365, temporary only, default 30), compress (none, gzip,"
              + " zstd), checksum (SHA-256 hex of the file, also accepted as Content-Digest or"
              + " Repr-Digest sha-256). retention_policy and compress must precede the file part."
              + " 201 means stored and registered.")
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
                        @SchemaProperty(
                            name = "retention_policy",
                            type = SchemaType.STRING,
                            enumeration = {"temporary", "permanent"}),
                        @SchemaProperty(name = "ttl_days", type = SchemaType.INTEGER),
                        @SchemaProperty(
                            name = "compress",
                            type = SchemaType.STRING,
                            enumeration = {"none", "gzip", "zstd"}),
                        @SchemaProperty(name = "checksum", type = SchemaType.STRING)
                      })))
  @APIResponse(
      responseCode = "201",
      description = "Stored and registered",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UploadedFile.class)))
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR, BAD_REQUEST, CHECKSUM_MISMATCH; nothing stored")
  @APIResponse(responseCode = "413", description = "FILE_TOO_LARGE")
  @APIResponse(
      responseCode = "503",
      description =
          "NO_STORAGE_AVAILABLE (no element could take it) or SERVICE_UNAVAILABLE (could not"
              + " register); Retry-After")
  @APIResponse(responseCode = "507", description = "STORAGE_FULL: every candidate element is full")
  public Response upload(
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") String contentLength,
      @HeaderParam("Content-Digest") String contentDigest,
      @HeaderParam("Repr-Digest") String reprDigest,
      InputStream body) {
    StoredFile uploaded =
        uploads.upload(
            new UploadRequest(
                contentType,
                length(contentLength),
                contentDigest,
                reprDigest,
                body,
                new Caller(token.getSubject(), token.getName())));
    return Response.status(Response.Status.CREATED).entity(UploadedFile.of(uploaded)).build();
  }

  private static long length(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
