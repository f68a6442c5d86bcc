package io.artstore.shared.client.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;

/**
 * Admin's file registry (SPEC §4) as the ingester and query call it. Built without the default
 * exception mapper: every answer comes back as a {@link Response} for the caller to judge or relay.
 */
@Path("/api/v1/files")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public interface AdminFilesApi extends Closeable {
  /** The element's attr.json answer, as it came. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  Response register(@HeaderParam("Authorization") String authorization, String storedFile);

  /** A keyset page of the registry in file_id order: files whose id is greater than after. */
  @GET
  Response list(
      @HeaderParam("Authorization") String authorization,
      @QueryParam("after") String after,
      @QueryParam("limit") int limit);

  @GET
  @Path("/{id}")
  Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

  @DELETE
  @Path("/{id}")
  Response delete(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
