package io.artstore.shared.status;

import io.artstore.shared.discovery.DiscoveryStatus;
import io.artstore.shared.health.DependencyState;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /api/v1/status}: what this service is and how its dependencies are. {@code status} is
 * {@code UP}, {@code DEGRADED} (a non-critical dependency is down) or {@code DOWN} (a critical one
 * is). {@code installation} names the ArtStore installation (admin only; null elsewhere, and then
 * omitted). {@code discovery} is the storage-element discovery of the services that run it
 * (ingester, query; null elsewhere, and then omitted).
 */
public record ServiceStatus(
    @Schema(example = "admin") String service,
    @Schema(example = "0.1.0") String version,
    @Schema(
            enumeration = {"UP", "DEGRADED", "DOWN"},
            example = "UP")
        String status,
    @Schema(description = "When this server's application started") Instant startedAt,
    @Schema(example = "3600") long uptimeSeconds,
    @Schema(description = "The installation (admin only)") Installation installation,
    @Schema(description = "Each dependency, probed now") List<DependencyState> dependencies,
    @Schema(description = "Storage-element discovery (ingester and query only)")
        DiscoveryStatus discovery) {

  /** A status without discovery (admin, storage elements). */
  public ServiceStatus(
      String service,
      String version,
      String status,
      Instant startedAt,
      long uptimeSeconds,
      Installation installation,
      List<DependencyState> dependencies) {
    this(service, version, status, startedAt, uptimeSeconds, installation, dependencies, null);
  }

  /** The identity of one ArtStore installation, created on its first start. */
  public record Installation(
      @Schema(example = "0b7c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e") String id,
      @Schema(description = "First start against this database") Instant createdAt) {}
}
