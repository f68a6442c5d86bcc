package io.artstore.storage.api;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.security.Roles;
import io.artstore.storage.api.dto.ModeTransitionRequest;
import io.artstore.storage.application.ElementService;
import io.artstore.storage.domain.ElementMode;
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

@Path("/api/v1/mode/transition")
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ModeResource {
  @Inject ElementService element;

  @POST
  @Operation(
      summary = "Move the element to its next mode",
      description = "One way only: rw -> ro and ro -> ar. The mode survives restarts.")
  @RequestBody(
      content =
          @Content(examples = @ExampleObject(name = "close", value = "{\"target_mode\":\"ro\"}")))
  @APIResponse(responseCode = "200", description = "The transition was made")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR: target_mode missing or unknown")
  @APIResponse(
      responseCode = "409",
      description = "INVALID_TRANSITION: not allowed from the current mode")
  public ElementService.Transition transition(ModeTransitionRequest request) {
    String raw = request == null ? null : request.targetMode();
    if (raw == null || raw.isBlank()) {
      throw ApiException.validation("target_mode", "is required");
    }
    ElementMode target =
        ElementMode.parse(raw)
            .orElseThrow(
                () -> ApiException.validation("target_mode", "must be one of edit, rw, ro, ar"));
    return element.transition(target);
  }
}
