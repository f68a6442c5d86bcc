package io.artstore.query.api;

import io.artstore.query.application.FileDownloads;
import io.artstore.query.domain.DownloadRelay;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET|HEAD /api/v1/files/{id}/download} (SPEC §6): the file's storage element's download,
 * passed through. The caller's Range, If-Range, If-None-Match, If-Modified-Since and
 * Accept-Encoding go to the element; its status, headers and bytes come back unchanged, streamed.
 */
@Path("/api/v1/files/{id}/download")
@RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
@RequestScoped
public class DownloadResource {
  private static final int BUFFER = 256 * 1024;

  @Inject FileDownloads downloads;

  @GET
  @Operation(
      summary = "Download the bytes",
      description =
          "Streamed from the storage element holding the file, with the element's HTTP semantics"
              + " unchanged: Range (bytes=a-b, a-, -n) gives 206 with Content-Range, an"
              + " unsatisfiable range 416 with Content-Range: bytes */<length>; strong ETag and"
              + " Last-Modified, If-None-Match/If-Modified-Since give 304, If-Range that does not"
              + " match gives the whole file; Content-Disposition with the original name (RFC"
              + " 6266); Repr-Digest; a file stored compressed comes with Content-Encoding when"
              + " Accept-Encoding accepts its coding. Deleted and expired files are 404. An"
              + " element that is down (unreachable, failing, or behind its open circuit breaker)"
              + " gives 503 SE_UNAVAILABLE with Retry-After.")
  @APIResponse(
      responseCode = "200",
      description = "The whole file",
      content =
          @Content(
              mediaType = "application/octet-stream",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(
      responseCode = "206",
      description = "The requested range",
      headers = @Header(name = "Content-Range", description = "bytes a-b/length"))
  @APIResponse(responseCode = "304", description = "Not modified")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: not a file id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or a bad token")
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND: no such file, or deleted or expired, or gone from its element")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED: the element is in ar mode")
  @APIResponse(
      responseCode = "416",
      description = "RANGE_NOT_SATISFIABLE",
      headers = @Header(name = "Content-Range", description = "bytes */length"))
  @APIResponse(
      responseCode = "502",
      description = "SE_UNAVAILABLE: the element refused the query service's own call")
  @APIResponse(
      responseCode = "503",
      description =
          "SE_UNAVAILABLE: the file's element is down or unknown (Retry-After);"
              + " SERVICE_UNAVAILABLE: the query service cannot authenticate to it",
      headers = @Header(name = "Retry-After", description = "Seconds"))
  public Response download(
      @Parameter(description = "File id (UUID)") @PathParam("id") String id,
      @Context HttpHeaders headers) {
    return relay(id, headers, false);
  }

  @HEAD
  @Operation(summary = "The download's headers without the bytes")
  @APIResponse(responseCode = "200", description = "Headers of the whole file")
  @APIResponse(responseCode = "206", description = "Headers of the requested range")
  @APIResponse(responseCode = "304", description = "Not modified")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: not a file id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED")
  @APIResponse(responseCode = "416", description = "RANGE_NOT_SATISFIABLE")
  @APIResponse(responseCode = "502", description = "SE_UNAVAILABLE: the element refused")
  @APIResponse(responseCode = "503", description = "SE_UNAVAILABLE, with Retry-After")
  public Response head(
      @Parameter(description = "File id (UUID)") @PathParam("id") String id,
      @Context HttpHeaders headers) {
    return relay(id, headers, true);
  }

  private Response relay(String id, HttpHeaders headers, boolean head) {
    FileDownloads.Download download =
        downloads.download(
            FilesResource.parseId(id), head, DownloadRelay.forwarded(headers::getHeaderString));
    Response.ResponseBuilder response = Response.status(download.status());
    download.headers().forEach((name, values) -> values.forEach(v -> response.header(name, v)));
    if (download.content() != null) {
      response.entity(download.content());
    } else if (download.stream() != null) {
      InputStream in = download.stream();
      StreamingOutput body =
          out -> {
            try (InputStream source = in) {
              byte[] buffer = new byte[BUFFER];
              int n;
              while ((n = source.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
              }
            }
          };
      response.entity(body);
    }
    return response.build();
  }
}
