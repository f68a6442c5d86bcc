package io.artstore.storage.api;

import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.storage.application.ElementService;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/info")
@PermitAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InfoResource {
  @Inject ElementService element;

  @GET
  @Operation(
      summary = "The element's self-description (public)",
      description =
          "Identity, mode, allowed operations and capacity. Capacity is the configured maximum"
              + " (ARTSTORE_SE_MAX_SIZE), never more than the disk really has.")
  public ElementInfo info() {
    return element.info();
  }
}
