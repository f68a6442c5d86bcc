package io.artstore.query.api;

import io.artstore.query.api.dto.IndexStatus;
import io.artstore.query.application.IndexFeed;
import io.artstore.query.application.IndexRebuild;
import io.artstore.query.infrastructure.RebuildLog;
import io.artstore.query.infrastructure.SearchIndexRepository;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/index")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class IndexResource {
  @Inject IndexRebuild rebuild;
  @Inject IndexFeed feed;
  @Inject SearchIndexRepository index;
  @Inject RebuildLog log;

  @POST
  @Path("rebuild")
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
  @Operation(
      summary = "Rebuild the search index from admin's registry",
      description =
          "Runs in the background while searches go on (also after the index tables were lost):"
              + " every registered file is written again, rows the registry no longer has are"
              + " deleted. 202 with the index status; follow it at GET /api/v1/index.")
  @APIResponse(responseCode = "202", description = "Started, or already running")
  public Response rebuild() {
    rebuild.request("requested through the API");
    return Response.accepted(status()).build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.SUPER_ADMIN})
  @Operation(summary = "The search index: size, lag behind the event feed, last rebuild")
  @APIResponse(responseCode = "200", description = "The status")
  public IndexStatus status() {
    long files;
    IndexStatus.Rebuild last;
    try {
      files = index.count();
      last =
          log.latest()
              .map(
                  r ->
                      new IndexStatus.Rebuild(
                          r.startedAt(),
                          r.finishedAt(),
                          r.state(),
                          r.reason(),
                          r.files(),
                          r.deleted(),
                          r.error()))
              .orElse(null);
    } catch (RuntimeException e) {
      // The index tables may be gone (being rebuilt): the status still answers.
      files = 0;
      last = null;
    }
    return new IndexStatus(
        files, feed.lagSeconds(), feed.connected(), feed.applied(), rebuild.running(), last);
  }
}
