package io.artstore.admin.api;

import io.artstore.admin.application.registry.StorageRegistry;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.discovery.DiscoverySnapshot;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Service discovery over REST (SPEC §4): the snapshot admin publishes to Redis, read fresh from the
 * registry, for ingester and query when Redis is down. Any authenticated role may read it.
 */
@Path(DiscoverySnapshot.INTERNAL_PATH)
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN, Roles.READONLY, Roles.AUDITOR, Roles.USER})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class InternalStorageElementsResource {
  @Inject StorageRegistry registry;

  @GET
  @Operation(
      summary = "The discovery snapshot (service discovery without Redis)",
      description =
          "The same document admin publishes under the Redis key artstore:storage_elements,"
              + " optionally filtered; writable=true means online and in mode edit or rw.")
  public DiscoverySnapshot discoverySnapshot(
      @Parameter(description = "edit, rw, ro or ar") @QueryParam("mode") String mode,
      @Parameter(description = "true or false") @QueryParam("writable") String writable) {
    Boolean w = null;
    if (writable != null && !writable.isBlank()) {
      if (writable.equalsIgnoreCase("true")) {
        w = Boolean.TRUE;
      } else if (writable.equalsIgnoreCase("false")) {
        w = Boolean.FALSE;
      } else {
        throw ApiException.validation("writable", "must be true or false");
      }
    }
    return registry.snapshot(mode == null || mode.isBlank() ? null : mode.trim(), w);
  }
}
