package io.artstore.storage.api;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.Roles;
import io.artstore.storage.application.FileService;
import io.artstore.storage.domain.ByteRange;
import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.Conditionals;
import io.artstore.storage.domain.ContentDisposition;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.HttpDate;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET|HEAD /api/v1/files/{id}/download} with the HTTP semantics of RFC 9110: strong ETag
 * from the SHA-256, Last-Modified, conditional requests (If-None-Match, If-Modified-Since,
 * If-Range), single byte ranges (206/416), Content-Disposition with the UTF-8 name (RFC 6266). The
 * bytes are streamed from the store; nothing is buffered beyond a small copy buffer.
 */
@Path("/api/v1/files/{id}/download")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
public class DownloadResource {
  private static final int BUFFER = 256 * 1024;

  @Inject FileService files;

  @GET
  @Operation(
      summary = "Download the bytes",
      description =
          "Range (bytes=a-b, a-, -n) gives 206 with Content-Range; an unsatisfiable range 416."
              + " A file stored compressed is sent as stored with Content-Encoding (own ETag;"
              + " Range over the encoded bytes) when Accept-Encoding accepts its coding, else"
              + " decompressed on the fly with the semantics of an uncompressed file."
              + " If-None-Match/If-Modified-Since give 304; If-Range that does not match gives the"
              + " whole file.")
  @APIResponse(responseCode = "200", description = "The whole file")
  @APIResponse(responseCode = "206", description = "The requested range")
  @APIResponse(responseCode = "304", description = "Not modified")
  @APIResponse(responseCode = "404", description = "NOT_FOUND (also for deleted files)")
  @APIResponse(responseCode = "409", description = "MODE_NOT_ALLOWED (ar: content is offline)")
  @APIResponse(responseCode = "416", description = "RANGE_NOT_SATISFIABLE")
  public Response download(
      @PathParam("id") String id,
      @HeaderParam("Range") String range,
      @HeaderParam("If-None-Match") String ifNoneMatch,
      @HeaderParam("If-Modified-Since") String ifModifiedSince,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam("Accept-Encoding") String acceptEncoding) {
    return respond(id, range, ifNoneMatch, ifModifiedSince, ifRange, acceptEncoding, true);
  }

  @HEAD
  @Operation(summary = "The download's headers without the bytes")
  @APIResponse(responseCode = "200", description = "Headers of the whole file")
  @APIResponse(responseCode = "404", description = "NOT_FOUND")
  public Response head(
      @PathParam("id") String id,
      @HeaderParam("Range") String range,
      @HeaderParam("If-None-Match") String ifNoneMatch,
      @HeaderParam("If-Modified-Since") String ifModifiedSince,
      @HeaderParam("If-Range") String ifRange,
      @HeaderParam("Accept-Encoding") String acceptEncoding) {
    return respond(id, range, ifNoneMatch, ifModifiedSince, ifRange, acceptEncoding, false);
  }

  /** RFC 9530: the SHA-256 of the whole selected representation, also on 206 answers. */
  static String reprDigest(String sha256Hex) {
    byte[] raw = java.util.HexFormat.of().parseHex(sha256Hex);
    return "sha-256=:" + java.util.Base64.getEncoder().encodeToString(raw) + ":";
  }

  private Response respond(
      String id,
      String range,
      String ifNoneMatch,
      String ifModifiedSince,
      String ifRange,
      String acceptEncoding,
      boolean withBody) {
    UUID fileId = FilesResource.parseId(id);
    FileAttributes file = files.requireDownloadable(fileId);
    // A compressed file has two representations (D35): the stored bytes with Content-Encoding for
    // clients that accept the coding, the original bytes (decompressed on the fly) for the rest.
    // Each has its own strong ETag and length; Range, If-Range and 304 apply to the one selected.
    boolean compressed = file.compression() != Compression.NONE;
    boolean encoded = compressed && file.compression().acceptedBy(acceptEncoding);
    String etag = encoded ? file.storedEtag() : file.contentEtag();
    Instant lastModified = file.createdAt() == null ? Instant.EPOCH : file.createdAt();
    String lastModifiedHeader = HttpDate.format(lastModified);
    long length = encoded ? file.storedSizeBytes() : file.sizeBytes();
    Map<String, String> vary = compressed ? Map.of("Vary", "Accept-Encoding") : Map.of();

    if (Conditionals.evaluate(ifNoneMatch, ifModifiedSince, etag, lastModified)
        == Conditionals.Outcome.NOT_MODIFIED) {
      Response.ResponseBuilder notModified = Response.notModified();
      vary.forEach(notModified::header);
      return notModified
          .header(HttpHeaders.ETAG, etag)
          .header(HttpHeaders.LAST_MODIFIED, lastModifiedHeader)
          .header("Accept-Ranges", "bytes")
          .build();
    }
    ByteRange requested =
        range != null && Conditionals.rangeApplies(ifRange, etag, lastModified)
            ? ByteRange.parse(range, length)
            : ByteRange.parse(null, length);
    if (requested instanceof ByteRange.Unsatisfiable unsatisfiable) {
      throw new ApiException(
          ProblemCode.RANGE_NOT_SATISFIABLE,
          416,
          "The file has " + length + " bytes; the range " + range + " is outside it.",
          java.util.List.of(),
          compressed
              ? Map.of(
                  "Content-Range",
                  unsatisfiable.contentRange(),
                  "Accept-Ranges",
                  "bytes",
                  "Vary",
                  "Accept-Encoding")
              : Map.of("Content-Range", unsatisfiable.contentRange(), "Accept-Ranges", "bytes"));
    }
    long start = 0;
    long count = length;
    Response.ResponseBuilder response;
    if (requested instanceof ByteRange.Partial partial) {
      start = partial.start();
      count = partial.contentLength();
      response = Response.status(206).header("Content-Range", partial.contentRange());
    } else {
      response = Response.ok();
    }
    response
        .type(file.contentType() == null ? "application/octet-stream" : file.contentType())
        .header(HttpHeaders.CONTENT_LENGTH, count)
        .header(HttpHeaders.ETAG, etag)
        .header(HttpHeaders.LAST_MODIFIED, lastModifiedHeader)
        .header("Accept-Ranges", "bytes")
        .header("Content-Disposition", ContentDisposition.attachment(file.originalFilename()))
        .header("X-Content-Type-Options", "nosniff")
        .header(
            "Repr-Digest",
            reprDigest(encoded ? file.storedChecksum().value() : file.checksum().value()));
    vary.forEach(response::header);
    if (encoded) {
      response.header("Content-Encoding", file.compression().wireName());
    }
    if (!withBody) {
      return response.build();
    }
    long from = start;
    long bytes = count;
    // Opened before the status is committed, so a missing data file is a clean error, not a
    // truncated 200.
    InputStream in =
        encoded ? files.openStored(file, from, bytes) : files.openContent(file, from, bytes);
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
    return response.entity(body).build();
  }
}
