package io.artstore.shared.client.storage;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;

/**
 * A storage element's GC endpoint (SPEC §3.6), for ADMIN service accounts: admin's GC purges files
 * whose retention allows it; the ingester withdraws an upload it could not acknowledge ({@code
 * withdraw=true}, DECISIONS D35). Built by {@link StorageElementClients#gcApi}: the answer comes
 * back whatever its status (204 removed or absent, 409 RETENTION_LOCKED, …) for the caller to
 * judge. Close both after use.
 */
@Path("/api/v1/gc")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public interface StorageElementGcApi extends Closeable {
  @DELETE
  @Path("/{id}")
  Response purge(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);

  @DELETE
  @Path("/{id}")
  Response withdraw(
      @HeaderParam("Authorization") String authorization,
      @PathParam("id") String id,
      @QueryParam("withdraw") boolean withdraw);
}
