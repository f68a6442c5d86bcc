package io.artstore.admin.api.gc;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.gc.GarbageCollector;
import io.artstore.admin.application.gc.GcSettings;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.infrastructure.GcRepository;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.Problem;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/v1/gc} (SPEC §4, §2.1 "GC" row): an operator runs a retention GC pass now and reads
 * where GC stands. ADMIN (service accounts and users) and SUPER_ADMIN.
 */
@Path("/api/v1/gc")
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GcResource {
  @Inject GarbageCollector collector;
  @Inject GcRepository repository;
  @Inject GcSettings settings;
  @Inject AuditLog audit;
  @Inject JsonWebToken caller;

  @POST
  @Path("/run")
  @Operation(
      summary = "Run one GC pass now",
      description =
          "Synchronous. Removes temporary files past their expiry and deleted files past the"
              + " grace through their elements, and raises due file.expiring events. Unlike the"
              + " scheduled pass it ignores the back-off of files that failed before (each is"
              + " tried once more), so a file whose element is back goes now; elements the"
              + " registry shows offline are still not called. The elements check retention"
              + " again: nothing goes before its time.")
  @APIResponse(
      responseCode = "200",
      description = "The pass ran; its summary",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GcRunView.class),
              examples =
                  @ExampleObject(
                      name = "one removed, one failed",
                      value =
                          "{\"trigger\":\"manual\",\"started_at\":\"2026-01-01T10:00:00Z\","
                              + "\"finished_at\":\"2026-01-01T10:00:01Z\","
                              + "\"ignored_backoff\":true,\"examined\":2,\"purged\":1,"
                              + "\"failed\":1,\"skipped\":0,\"expiring_events\":3,"
                              + "\"pending\":1}")))
  @APIResponse(
      responseCode = "401",
      description = "UNAUTHORIZED: no or invalid token",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "FORBIDDEN: not ADMIN or SUPER_ADMIN",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: another admin replica is running a pass now; try again later",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public GcRunView run() {
    GarbageCollector.Summary summary;
    try {
      summary = collector.runPass(GarbageCollector.Trigger.MANUAL, true);
    } catch (GarbageCollector.Busy e) {
      throw new ApiException(
          ProblemCode.CONFLICT, "Another admin replica is running a GC pass; try again later.");
    }
    audit.record(
        caller.getName(),
        Principals.type(caller),
        "gc.run",
        "gc",
        AuditEvent.SUCCESS,
        Map.of(
            "examined", summary.examined(),
            "purged", summary.purged(),
            "failed", summary.failed(),
            "expiring_events", summary.expiringEvents()));
    return GcRunView.of(summary);
  }

  @GET
  @Path("/status")
  @Operation(summary = "Where retention GC stands: last pass, pending files, failures")
  @APIResponse(
      responseCode = "200",
      description = "The status",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = GcStatusView.class),
              examples =
                  @ExampleObject(
                      name = "after a pass",
                      value =
                          "{\"interval\":\"PT1H\",\"deleted_grace\":\"PT24H\","
                              + "\"expiring_within\":\"PT168H\",\"last_run\":{\"trigger\":"
                              + "\"scheduled\",\"started_at\":\"2026-01-01T10:00:00Z\","
                              + "\"finished_at\":\"2026-01-01T10:00:01Z\",\"examined\":2,"
                              + "\"purged\":1,\"failed\":1,\"skipped\":0,"
                              + "\"expiring_events\":0},\"pending\":1,\"failing\":1,"
                              + "\"failures\":[{\"file_id\":"
                              + "\"7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11\","
                              + "\"storage_element_id\":\"se-edit-1\",\"attempts\":1,"
                              + "\"last_error\":\"element se-edit-1 is offline\","
                              + "\"last_attempt_at\":\"2026-01-01T10:00:01Z\","
                              + "\"next_attempt_at\":\"2026-01-01T10:01:01Z\"}]}")))
  @APIResponse(
      responseCode = "401",
      description = "UNAUTHORIZED: no or invalid token",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "403",
      description = "FORBIDDEN: not ADMIN or SUPER_ADMIN",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public GcStatusView status() {
    long pending = collector.refreshPending();
    return new GcStatusView(
        settings.interval().toString(),
        settings.deletedGrace().toString(),
        settings.expiringWithin().toString(),
        repository.lastRun().map(GcStatusView.LastRun::of).orElse(null),
        pending,
        repository.failing(),
        repository.failures(20).stream().map(GcStatusView.FailureView::of).toList());
  }
}
