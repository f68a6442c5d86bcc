package io.artstore.shared.client.storage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;

/**
 * A storage element's mode transition, called on behalf of a caller whose {@code Authorization}
 * header is passed through (the element checks the caller's role itself). Built by {@link
 * StorageElementClients#modeApi} without the default exception mapper: the element's answer, error
 * or not, comes back as a {@link Response} to relay; close it after use.
 */
@Path("/api/v1")
public interface StorageElementModeApi extends Closeable {

  @POST
  @Path("/mode/transition")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
  Response transition(
      @HeaderParam("Authorization") String authorization, ModeTransitionRequest request);
}
