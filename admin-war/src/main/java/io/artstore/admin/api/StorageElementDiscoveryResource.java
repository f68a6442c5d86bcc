package io.artstore.admin.api;

import io.artstore.admin.api.dto.DiscoverRequest;
import io.artstore.admin.api.dto.DiscoveryPreview;
import io.artstore.admin.application.StorageElementDiscovery;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/storage-elements/discover")
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class StorageElementDiscoveryResource {
  @Inject StorageElementDiscovery discovery;

  @POST
  @Operation(
      summary = "Preview a storage element",
      description =
          "Reads the element's public /api/v1/info, before registering it; already_registered"
              + " (with registry_id) says whether its URL or element id is registered.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "edit element",
                      value = "{\"api_url\":\"http://localhost:8010\"}")))
  @APIResponse(responseCode = "200", description = "The element's self-description")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR: api_url missing or not http(s)")
  @APIResponse(
      responseCode = "502",
      description = "SE_UNAVAILABLE: the element did not answer as one")
  public DiscoveryPreview discover(DiscoverRequest request) {
    if (request == null) {
      throw ApiException.validation("api_url", "is required");
    }
    return discovery.preview(request.apiUrl());
  }
}
