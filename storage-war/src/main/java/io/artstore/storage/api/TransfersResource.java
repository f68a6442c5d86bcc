package io.artstore.storage.api;

import io.artstore.shared.api.multipart.Limits;
import io.artstore.shared.api.multipart.MultipartReader;
import io.artstore.shared.api.multipart.Part;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import io.artstore.storage.api.dto.BranchView;
import io.artstore.storage.api.dto.PrepareRequest;
import io.artstore.storage.application.ElementService;
import io.artstore.storage.application.FileService;
import io.artstore.storage.application.TransferService;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.RetentionPolicy;
import io.artstore.storage.domain.transfer.BranchId;
import io.artstore.storage.domain.transfer.BranchRole;
import io.artstore.storage.domain.transfer.BranchState;
import io.artstore.storage.domain.transfer.TransferBranch;
import io.artstore.storage.infrastructure.attr.AttrJsonCodec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The element as a transfer participant (SPEC §3.6, §5.4; DECISIONS D40): the endpoints a
 * coordinator's XAResource maps onto — stage (before {@code start/end}), prepare, commit, rollback,
 * recover. ADMIN service accounts only, like GC.
 */
@Path("/api/v1/transfers")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TransfersResource {
  private static final int MAX_FIELD_BYTES = 64 * 1024;
  private static final String BRANCH_DESCRIPTION =
      "The transaction branch id: base64url without padding of the XID (format id, gtrid, bqual),"
          + " 1-200 characters [A-Za-z0-9_-]";

  @Inject TransferService transfers;
  @Inject ElementService element;
  @Inject JsonWebToken token;
  @Context UriInfo uriInfo;

  @PUT
  @Path("{branch}/staged")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Stage a copy of a file for a transfer (target)",
      description =
          "Multipart, streamed like an upload. Fields before the file part: file_id (required, the"
              + " id on the source), document (required, the source's attr.json), retention_policy"
              + " (optional, the retention on this element; a permanent file cannot become"
              + " temporary). checksum (required, SHA-256 hex of the bytes) before or after the"
              + " file part. The copy is invisible to reads, listings, counts and the cache until"
              + " commit. The target must accept the file: rw for permanent, edit for temporary"
              + " files. Staging the same branch again replaces the copy until it is prepared.")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      properties = {
                        @SchemaProperty(
                            name = "file_id",
                            type = SchemaType.STRING,
                            format = "uuid"),
                        @SchemaProperty(
                            name = "document",
                            type = SchemaType.STRING,
                            description = "The source's attr.json document (JSON)"),
                        @SchemaProperty(
                            name = "retention_policy",
                            type = SchemaType.STRING,
                            enumeration = {"temporary", "permanent"}),
                        @SchemaProperty(
                            name = "checksum",
                            type = SchemaType.STRING,
                            pattern = "^(sha256:)?[0-9a-fA-F]{64}$"),
                        @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")
                      })))
  @APIResponse(
      responseCode = "201",
      description = "Staged and verified; Location names the branch",
      content = @Content(schema = @Schema(implementation = BranchView.class)))
  @APIResponse(
      responseCode = "400",
      description =
          "VALIDATION_ERROR (branch id, fields, order), BAD_REQUEST (malformed body),"
              + " CHECKSUM_MISMATCH (nothing staged)")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  @APIResponse(
      responseCode = "409",
      description =
          "MODE_NOT_ALLOWED (this element cannot take the file), CONFLICT (the file is already"
              + " here or in another branch; the branch is prepared or resolved)")
  @APIResponse(responseCode = "413", description = "FILE_TOO_LARGE")
  @APIResponse(responseCode = "507", description = "STORAGE_FULL")
  public Response stage(
      @Parameter(description = BRANCH_DESCRIPTION) @PathParam("branch") String branchId,
      @HeaderParam("Content-Type") String contentType,
      @HeaderParam("Content-Length") String contentLength,
      InputStream body) {
    Principals.requireAdminServiceAccount(token);
    BranchId branch = parseBranch(branchId);
    UUID fileId = null;
    FileAttributes document = null;
    RetentionPolicy retention = null;
    String checksum = null;
    TransferService.Staging staging = null;
    try {
      MultipartReader reader = MultipartReader.of(contentType, body, Limits.defaults());
      Part part;
      while ((part = reader.next()) != null) {
        String name = part.name();
        if ("file".equals(name)) {
          if (staging != null) {
            throw ApiException.validation("file", "only one file per staging");
          }
          if (fileId == null) {
            throw ApiException.validation("file_id", "is required before the file part");
          }
          if (document == null) {
            throw ApiException.validation("document", "is required before the file part");
          }
          staging =
              transfers.startStaging(
                  branch,
                  new TransferService.StagingRequest(fileId, document, retention),
                  declaredLength(contentLength));
          staging.write(part.body());
          continue;
        }
        if (staging != null && !"checksum".equals(name) && isKnown(name)) {
          throw ApiException.validation(name, "must come before the file part");
        }
        String value = part.readString(MAX_FIELD_BYTES);
        switch (name) {
          case "file_id" -> fileId = parseFileId(value);
          case "document" -> document = parseDocument(value);
          case "retention_policy" ->
              retention =
                  RetentionPolicy.parse(value)
                      .orElseThrow(
                          () ->
                              ApiException.validation(
                                  "retention_policy", "must be temporary or permanent"));
          case "checksum" -> checksum = UploadFormFields.parseChecksum(value);
          default -> {
            // Unknown fields are ignored, as for uploads.
          }
        }
        if (document != null && fileId != null && !document.fileId().equals(fileId)) {
          throw ApiException.validation("document", "names file " + document.fileId());
        }
      }
      if (staging == null) {
        throw ApiException.validation("file", "is required");
      }
      if (checksum == null) {
        throw ApiException.validation("checksum", "is required");
      }
      TransferBranch staged = staging.complete(checksum);
      return Response.created(
              uriInfo.getBaseUriBuilder().path("api/v1/transfers/{branch}").build(branch.value()))
          .entity(BranchView.of(staged))
          .build();
    } catch (FileService.RequestBodyException | IOException e) {
      abort(staging);
      throw UploadFormFields.bodyFailure(e);
    } catch (ApiException e) {
      abort(staging);
      drainQuietly(body);
      throw e;
    } catch (RuntimeException e) {
      abort(staging);
      throw e;
    }
  }

  /** How much of a refused staging's remaining body is read so that the client gets the answer. */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  /**
   * A refusal (mode, conflict, ...) usually comes before the file part was read: the client is
   * still sending. Reading (and dropping) up to {@value #DRAIN_LIMIT} bytes of the rest lets a
   * client that writes its body before reading the answer see the 4xx instead of a reset
   * connection; a bigger body is cut off.
   */
  private static void drainQuietly(InputStream body) {
    byte[] buffer = new byte[64 * 1024];
    long read = 0;
    try {
      int n;
      while (read < DRAIN_LIMIT && (n = body.read(buffer)) >= 0) {
        read += n;
      }
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to answer to.
    }
  }

  private static boolean isKnown(String name) {
    return name.equals("file_id") || name.equals("document") || name.equals("retention_policy");
  }

  private static void abort(TransferService.Staging staging) {
    if (staging != null) {
      staging.abort();
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

  private static UUID parseFileId(String value) {
    try {
      return UUID.fromString(value.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("file_id", "must be a UUID");
    }
  }

  private FileAttributes parseDocument(String value) {
    try {
      return AttrJsonCodec.decode(
          value.getBytes(StandardCharsets.UTF_8), element.state().elementId());
    } catch (AttrJsonCodec.MalformedException e) {
      throw ApiException.validation("document", "is not the source's attr.json document");
    }
  }

  @POST
  @Path("{branch}/prepare")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Prepare: make the branch durable and vote",
      description =
          "Target: yes when its staged copy exists and was verified and its mode still accepts"
              + " the file. Source: yes when the file is active here and no other branch holds it"
              + " (an ro or ar source votes yes and keeps its copy until its mode lets it go);"
              + " the file is then locked (no update, delete, GC) until the outcome. A yes is"
              + " durable (fsynced state file) and survives restarts; the element never resolves"
              + " a prepared branch on its own. A no answers 409 and rolls the branch back."
              + " Prepare again: the same answer.")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = PrepareRequest.class),
              examples = {
                @ExampleObject(
                    name = "target",
                    value =
                        "{\"role\":\"target\",\"file_id\":\"7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11\"}"),
                @ExampleObject(
                    name = "source",
                    value =
                        "{\"role\":\"source\",\"file_id\":\"7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11\","
                            + "\"version\":3}")
              }))
  @APIResponse(
      responseCode = "200",
      description = "Voted yes: state prepared",
      content = @Content(schema = @Schema(implementation = BranchView.class)))
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: branch id, role, file_id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  @APIResponse(
      responseCode = "409",
      description =
          "Voted no (the branch is rolled back): CONFLICT (no staged copy, file not active, held"
              + " by another branch, changed since copied, branch resolved), MODE_NOT_ALLOWED"
              + " (the target's mode no longer accepts the file)")
  public BranchView prepare(
      @Parameter(description = BRANCH_DESCRIPTION) @PathParam("branch") String branchId,
      JsonObject body) {
    Principals.requireAdminServiceAccount(token);
    BranchId branch = parseBranch(branchId);
    if (body == null) {
      throw ApiException.validation("body", "a JSON object with role and file_id is required");
    }
    BranchRole role =
        BranchRole.parse(string(body, "role"))
            .orElseThrow(() -> ApiException.validation("role", "must be target or source"));
    String fileId = string(body, "file_id");
    if (fileId == null) {
      throw ApiException.validation("file_id", "is required");
    }
    Long version = null;
    JsonValue v = body.get("version");
    if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
      if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
        throw ApiException.validation("version", "must be a positive integer");
      }
      version = n.longValue();
    }
    return BranchView.of(transfers.prepare(branch, role, parseFileId(fileId), version));
  }

  private static String string(JsonObject body, String name) {
    JsonValue value = body.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (!(value instanceof JsonString s)) {
      throw ApiException.validation(name, "must be a string");
    }
    return s.getString();
  }

  @POST
  @Path("{branch}/commit")
  @Operation(
      summary = "Commit a prepared branch",
      description =
          "Target: the staged copy becomes the active file (attr.json first, then the data, id"
              + " index, cache, capacity). Source: the file becomes status transferred, invisible"
              + " to reads and listings, removable by GC after ARTSTORE_SE_TRANSFER_REMOVAL_MARGIN."
              + " Idempotent: a branch committed before answers 200 again (while its tombstone,"
              + " ARTSTORE_SE_TRANSFER_TOMBSTONE_TTL, lasts); a commit interrupted half-way is"
              + " completed.")
  @APIResponse(
      responseCode = "200",
      description = "Committed (state committed)",
      content = @Content(schema = @Schema(implementation = BranchView.class)))
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: branch id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: the branch was never prepared, or was rolled back")
  @APIResponse(
      responseCode = "500",
      description =
          "INTERNAL_ERROR: the commit could not finish (storage unavailable); the branch stays"
              + " committing and is completed by a retry, the periodic sweep or the next start")
  public BranchView commit(
      @Parameter(description = BRANCH_DESCRIPTION) @PathParam("branch") String branchId) {
    Principals.requireAdminServiceAccount(token);
    return BranchView.of(transfers.commit(parseBranch(branchId)));
  }

  @POST
  @Path("{branch}/rollback")
  @Operation(
      summary = "Roll a branch back",
      description =
          "Target: the staged copy and its reserved capacity go. Source: nothing changes (the"
              + " file stays active) but its lock. Idempotent: an unknown or rolled-back branch"
              + " answers 200 with state rolled_back.")
  @APIResponse(
      responseCode = "200",
      description = "Rolled back (state rolled_back)",
      content = @Content(schema = @Schema(implementation = BranchView.class)))
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: branch id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  @APIResponse(responseCode = "409", description = "CONFLICT: the branch is committed")
  public Response rollback(
      @Parameter(description = BRANCH_DESCRIPTION) @PathParam("branch") String branchId) {
    Principals.requireAdminServiceAccount(token);
    BranchId branch = parseBranch(branchId);
    TransferBranch result = transfers.rollback(branch);
    if (result == null) {
      return Response.ok(new UnknownBranch(branch.value(), BranchState.ROLLED_BACK.wireName()))
          .build();
    }
    return Response.ok(BranchView.of(result)).build();
  }

  /** The answer about a branch the element does not know (presumed rolled back). */
  public record UnknownBranch(String branch, String state) {}

  @GET
  @Operation(
      summary = "Branches on this element (recover)",
      description =
          "state=prepared lists every prepared branch not yet resolved: what an XAResource's"
              + " recover() returns. Oldest first; paged.")
  @APIResponse(responseCode = "200", description = "A page of branches")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: state or paging")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  public Page<BranchView> list(
      @Parameter(
              description = "Only branches in this state",
              schema =
                  @Schema(
                      enumeration = {
                        "staging",
                        "staged",
                        "prepared",
                        "committing",
                        "committed",
                        "rolled_back"
                      }))
          @QueryParam("state")
          String state,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Principals.requireAdminServiceAccount(token);
    PageRequest page = PageRequest.parse(limit, offset);
    BranchState filter = null;
    if (state != null && !state.isBlank()) {
      filter =
          BranchState.parse(state)
              .orElseThrow(
                  () ->
                      ApiException.validation(
                          "state",
                          "must be staging, staged, prepared, committing, committed or"
                              + " rolled_back"));
    }
    List<TransferBranch> all = transfers.list(filter);
    int from = (int) Math.min(page.offset(), all.size());
    int to = (int) Math.min((long) from + page.limit(), all.size());
    return Page.of(all.subList(from, to), all.size(), page).map(BranchView::of);
  }

  @GET
  @Path("{branch}")
  @Operation(summary = "One branch")
  @APIResponse(
      responseCode = "200",
      description = "The branch",
      content = @Content(schema = @Schema(implementation = BranchView.class)))
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: branch id")
  @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no or an invalid token")
  @APIResponse(responseCode = "403", description = "FORBIDDEN: not an ADMIN service account")
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND: unknown here (never staged or prepared, or forgotten)")
  public BranchView get(
      @Parameter(description = BRANCH_DESCRIPTION) @PathParam("branch") String branchId) {
    Principals.requireAdminServiceAccount(token);
    BranchId branch = parseBranch(branchId);
    return transfers
        .find(branch)
        .map(BranchView::of)
        .orElseThrow(() -> ApiException.notFound("No transfer branch " + branch + " here."));
  }

  static BranchId parseBranch(String value) {
    if (!BranchId.isValid(value)) {
      throw ApiException.validation(
          "branch", "must be 1-" + BranchId.MAX_LENGTH + " characters of A-Z a-z 0-9 _ -");
    }
    return new BranchId(value);
  }
}
