package io.artstore.admin.api;

import io.artstore.admin.api.dto.ModeChangeView;
import io.artstore.admin.api.dto.ModeRequest;
import io.artstore.admin.api.dto.RegisterElementRequest;
import io.artstore.admin.api.dto.RegistryStatsView;
import io.artstore.admin.api.dto.StorageElementView;
import io.artstore.admin.api.dto.SyncResultView;
import io.artstore.admin.api.dto.UpdateElementRequest;
import io.artstore.admin.application.registry.Actor;
import io.artstore.admin.application.registry.ModeTransitions;
import io.artstore.admin.application.registry.StorageRegistry;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.Problem;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/v1/storage-elements} (SPEC §4): the storage-element registry. ADMIN and SUPER_ADMIN
 * manage it; READONLY and AUDITOR may read it. ({@code POST /discover} is {@link
 * StorageElementDiscoveryResource}.)
 */
@Path("/api/v1/storage-elements")
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StorageElementsResource {
  @Inject StorageRegistry registry;
  @Inject ModeTransitions modes;
  @Inject JsonWebToken caller;
  @Context UriInfo uriInfo;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Register a storage element",
      description =
          "Reads the element's /api/v1/info and records it; name and priority default to what the"
              + " element says about itself.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "edit element",
                      value =
                          "{\"api_url\":\"http://localhost:8010\",\"name\":\"Working store\","
                              + "\"priority\":100}")))
  @APIResponse(responseCode = "201", description = "Registered")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR: api_url missing or not http(s), bad name or priority",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: this URL or this element id is registered already",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "502",
      description = "SE_UNAVAILABLE: the element did not answer as one",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response registerElement(RegisterElementRequest request) {
    if (request == null) {
      throw ApiException.validation("api_url", "is required");
    }
    StorageElementView created =
        StorageElementView.of(
            registry.register(
                actor(),
                new StorageRegistry.Registration(
                    request.apiUrl(), request.name(), request.description(), request.priority())));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(created)
        .build();
  }

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN, Roles.READONLY, Roles.AUDITOR})
  @Operation(summary = "List registered elements (by priority, then name)")
  @APIResponse(responseCode = "200", description = "One page of elements")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR: unknown filter value or paging out of range",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Page<StorageElementView> listElements(
      @Parameter(description = "edit, rw, ro or ar") @QueryParam("mode") String mode,
      @Parameter(description = "online, offline or degraded") @QueryParam("status") String status,
      @Parameter(description = "local or s3") @QueryParam("storage_type") String storageType,
      @Parameter(description = "1–1000, default 100") @QueryParam("limit") String limit,
      @Parameter(description = "≥ 0, default 0") @QueryParam("offset") String offset) {
    return registry
        .list(
            blankToNull(mode),
            blankToNull(status),
            blankToNull(storageType),
            PageRequest.parse(limit, offset))
        .map(StorageElementView::of);
  }

  @GET
  @Path("/stats/summary")
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN, Roles.READONLY, Roles.AUDITOR})
  @Operation(summary = "Counts by mode and status, capacity and files over all elements")
  public RegistryStatsView stats() {
    StorageRegistry.Stats s = registry.stats();
    return new RegistryStatsView(
        s.total(),
        s.byMode(),
        s.byStatus(),
        new RegistryStatsView.Capacity(
            s.capacityTotalBytes(), s.capacityUsedBytes(), s.capacityAvailableBytes()),
        s.fileCount(),
        s.registryVersion());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN, Roles.READONLY, Roles.AUDITOR})
  @Operation(summary = "One registered element")
  @APIResponse(responseCode = "200", description = "The element's record")
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public StorageElementView getElement(@PathParam("id") String id) {
    return StorageElementView.of(registry.get(uuid(id)));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Change name, description, priority or URL (not the mode)",
      description =
          "Absent fields stay as they are. A new api_url must not be registered already nor serve"
              + " another element; the element is synced at its new URL.")
  @RequestBody(
      content = @Content(examples = @ExampleObject(name = "priority", value = "{\"priority\":50}")))
  @APIResponse(responseCode = "200", description = "Changed")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: the URL is registered for another element",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public StorageElementView updateElement(
      @PathParam("id") String id, UpdateElementRequest request) {
    if (request == null) {
      throw ApiException.validation("body", "a JSON object is required");
    }
    return StorageElementView.of(
        registry.update(
            actor(),
            uuid(id),
            new StorageRegistry.Changes(
                request.name(), request.description(), request.priority(), request.apiUrl())));
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      summary = "Remove an element from the registry",
      description =
          "Refused (409) while the element holds files by its last sync (file_count > 0): sync it"
              + " first if files were removed since. The element itself and its data are not"
              + " touched.")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: the element holds files",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response deleteElement(@PathParam("id") String id) {
    registry.delete(actor(), uuid(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/sync")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(
      summary = "Refresh the record from the element's /info now",
      description =
          "When the element does not answer the record shows it offline and the answer is 502.")
  @APIResponse(responseCode = "200", description = "Synced")
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "502",
      description = "SE_UNAVAILABLE: the element did not answer; it is now offline",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public StorageElementView syncElement(@PathParam("id") String id) {
    return StorageElementView.of(registry.sync(actor(), uuid(id)));
  }

  @POST
  @Path("/sync-all")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(summary = "Refresh every element now; one result per element")
  @APIResponse(responseCode = "200", description = "Per-element results")
  public SyncResultView syncAll() {
    List<SyncResultView.Item> items =
        registry.syncAll(actor()).stream()
            .map(
                o ->
                    new SyncResultView.Item(
                        o.element().id(),
                        o.element().elementId(),
                        o.element().apiUrl(),
                        o.reachable(),
                        o.element().status().wireName(),
                        o.error()))
            .toList();
    int ok = (int) items.stream().filter(SyncResultView.Item::success).count();
    return new SyncResultView(ok, items.size() - ok, items);
  }

  @POST
  @Path("/{id}/mode")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Move the element to its next mode",
      description =
          "Forwards the transition to the element with the caller's own token (rw -> ro, ro -> ar;"
              + " the element decides), then syncs and records it.")
  @RequestBody(
      content =
          @Content(examples = @ExampleObject(name = "close", value = "{\"target_mode\":\"ro\"}")))
  @APIResponse(responseCode = "200", description = "The element made the transition")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR: target_mode missing or unknown",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "INVALID_TRANSITION: the element refused it from its current mode",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "502",
      description = "SE_UNAVAILABLE: the element did not answer",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ModeChangeView changeMode(
      @PathParam("id") String id,
      ModeRequest request,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    StorageRegistry.ModeChange change =
        modes.transition(
            actor(), uuid(id), request == null ? null : request.targetMode(), authorization);
    return new ModeChangeView(
        change.previousMode(), change.mode(), StorageElementView.of(change.element()));
  }

  private Actor actor() {
    return new Actor(caller.getName(), Principals.type(caller));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No storage element " + id);
    }
  }
}
