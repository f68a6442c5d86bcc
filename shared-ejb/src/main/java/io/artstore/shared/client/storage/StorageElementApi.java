package io.artstore.shared.client.storage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.Closeable;

/**
 * The storage element's API as other services call it (MicroProfile Rest Client). Built per element
 * with {@link StorageElementClients}, since every element has its own URL; close it after use.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface StorageElementApi extends Closeable {

  @GET
  @Path("/info")
  ElementInfo info();
}
