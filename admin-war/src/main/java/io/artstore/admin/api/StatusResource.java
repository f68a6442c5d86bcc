package io.artstore.admin.api;

import io.artstore.admin.application.InstallationService;
import io.artstore.shared.security.Roles;
import io.artstore.shared.status.ServiceStatus;
import io.artstore.shared.status.ServiceStatusReporter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/v1/status")
@RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
  @Inject ServiceStatusReporter reporter;
  @Inject InstallationService installation;

  @GET
  @Operation(
      summary = "Service status",
      description =
          "Version, uptime, the installation this admin belongs to, and the state of each"
              + " dependency (UP, DEGRADED when a non-critical one is down, DOWN when a critical"
              + " one is).")
  public ServiceStatus status() {
    return reporter.report(installation.current().orElse(null));
  }
}
