package io.artstore.admin.infrastructure;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;

/**
 * A storage element's GC endpoint (SPEC §3.6), called by admin's GC with its own ADMIN
 * service-account token. The answer comes back whatever its status (204 removed or absent, 409
 * RETENTION_LOCKED, …): the GC decides what it means. Close both after use.
 */
@Path("/api/v1/gc")
@Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
public interface ElementGcApi extends Closeable {
  @DELETE
  @Path("/{id}")
  Response purge(@HeaderParam("Authorization") String authorization, @PathParam("id") String id);
}
