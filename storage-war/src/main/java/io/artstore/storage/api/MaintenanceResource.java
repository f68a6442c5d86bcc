package io.artstore.storage.api;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.security.Roles;
import io.artstore.storage.application.CacheMaintenance;
import io.artstore.storage.application.ElementSettings;
import io.artstore.storage.application.FixityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Cache rebuild, consistency, reconcile and fixity (SPEC §3.5, §3.6): ADMIN only. */
@Path("/api/v1")
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {
  @Inject CacheMaintenance maintenance;
  @Inject FixityService fixity;
  @Inject ElementSettings settings;

  @POST
  @Path("cache/rebuild")
  @Operation(
      summary = "Rebuild the metadata cache from attr.json",
      description =
          "Full (default): every row rewritten from attr.json, rows without attr.json removed;"
              + " recreates a dropped schema. incremental=true: only rows missing or older than"
              + " their attr.json.")
  @APIResponse(responseCode = "200", description = "What the rebuild did")
  @APIResponse(responseCode = "409", description = "CONFLICT: another maintenance run is active")
  @APIResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: database down")
  public CacheMaintenance.RebuildReport rebuild(@QueryParam("incremental") String incremental) {
    return maintenance.rebuild(flag("incremental", incremental));
  }

  @GET
  @Path("cache/consistency")
  @Operation(
      summary = "Compare attr.json, data files and the cache",
      description =
          "Reports orphan_attr (not cached), orphan_cache_entry, cache_mismatch, missing_data,"
              + " orphan_file (data without attr.json), size_mismatch, invalid_attr. Changes"
              + " nothing.")
  @APIResponse(responseCode = "200", description = "The report")
  public CacheMaintenance.ConsistencyReport consistency() {
    return maintenance.check(false);
  }

  @POST
  @Path("maintenance/reconcile")
  @Operation(
      summary = "Consistency check, and with repair=true make the cache match attr.json",
      description =
          "Repair rewrites cache rows and the id index from attr.json and removes rows without"
              + " attr.json; it never deletes or alters bytes or attr.json.")
  @APIResponse(responseCode = "200", description = "The report (repaired_entries when repaired)")
  public CacheMaintenance.ConsistencyReport reconcile(@QueryParam("repair") String repair) {
    return maintenance.check(flag("repair", repair));
  }

  @POST
  @Path("maintenance/fixity")
  @Operation(
      summary = "Re-hash stored files and compare with attr.json",
      description =
          "All files, or one (file_id). Throttled to ARTSTORE_SE_FIXITY_RATE. Mismatches are"
              + " reported here, in artstore_se_fixity_failures_total, as fixity_failed events and"
              + " in the log; nothing is repaired.")
  @APIResponse(responseCode = "200", description = "The run's report")
  @APIResponse(responseCode = "404", description = "NOT_FOUND: no such file")
  @APIResponse(responseCode = "409", description = "CONFLICT: a run is active")
  public FixityService.Report runFixity(@QueryParam("file_id") String fileId) {
    UUID id = null;
    if (fileId != null && !fileId.isBlank()) {
      try {
        id = UUID.fromString(fileId);
      } catch (IllegalArgumentException e) {
        throw ApiException.validation("file_id", "must be a UUID");
      }
    }
    return fixity.run("api", id, settings.fixityRateBytesPerSecond());
  }

  @GET
  @Path("maintenance/fixity")
  @Operation(summary = "The last fixity run's report")
  @APIResponse(responseCode = "200", description = "The report")
  @APIResponse(responseCode = "404", description = "NOT_FOUND: no run yet since start")
  public FixityService.Report lastFixity() {
    return fixity
        .last()
        .orElseThrow(
            () -> new ApiException(ProblemCode.NOT_FOUND, "No fixity run since the start."));
  }

  private static boolean flag(String name, String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw ApiException.validation(name, "must be true or false");
  }
}
