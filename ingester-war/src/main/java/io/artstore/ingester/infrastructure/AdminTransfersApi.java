package io.artstore.ingester.infrastructure;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;

/**
 * Admin's transfer coordinator (SPEC §5.4) as the ingester forwards to it, with the caller's own
 * {@code Authorization}. Built without the default exception mapper: every answer comes back as a
 * {@link Response} to relay. Bodies go through as they are.
 */
@Path("/api/v1")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public interface AdminTransfersApi extends Closeable {
  @POST
  @Path("/transfers")
  @Consumes(MediaType.APPLICATION_JSON)
  Response start(@HeaderParam("Authorization") String authorization, String request);

  @GET
  @Path("/transfers/{id}")
  Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

  @POST
  @Path("/files/{id}/finalize")
  @Consumes(MediaType.APPLICATION_JSON)
  Response finalizeFile(
      @HeaderParam("Authorization") String authorization,
      @PathParam("id") String id,
      String request);
}
