package io.artstore.shared.client.storage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;

/**
 * A storage element's file API called on behalf of a caller whose {@code Authorization} header is
 * passed through (the element applies its own ownership, mode and retention rules). Built by {@link
 * StorageElementClients#filesApi} like the mode client: the element's answer, error or not, comes
 * back as a {@link Response} to relay; close both after use.
 */
@Path("/api/v1/files")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public interface StorageElementFilesApi extends Closeable {

  @GET
  Response list(
      @HeaderParam("Authorization") String authorization,
      @QueryParam("limit") int limit,
      @QueryParam("offset") long offset);

  @GET
  @Path("/{id}")
  Response get(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  Response patch(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("If-Match") String ifMatch,
      @PathParam("id") String id,
      String patch);

  @DELETE
  @Path("/{id}")
  Response delete(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
