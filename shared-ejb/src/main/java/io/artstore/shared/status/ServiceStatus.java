package io.artstore.shared.status;

import io.artstore.shared.health.DependencyState;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/status}: what this service is and how its dependencies are. {@code status} is
 * {@code UP}, {@code DEGRADED} (a non-critical dependency is down) or {@code DOWN} (a critical one
 * is). {@code installation} names the ArtStore installation (admin only; null elsewhere, and then
 * omitted).
 */
public record ServiceStatus(
    String service,
    String version,
    String status,
    Instant startedAt,
    long uptimeSeconds,
    Installation installation,
    List<DependencyState> dependencies) {

  /** The identity of one ArtStore installation, created on its first start. */
  public record Installation(String id, Instant createdAt) {}
}
