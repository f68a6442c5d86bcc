package io.artstore.shared.health;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a probe of one dependency found. A critical dependency that is down makes the service not
 * ready; a non-critical one only makes it degraded.
 */
public record DependencyState(
    @Schema(example = "database") String name,
    @Schema(example = "UP") Status status,
    @Schema(description = "Whether the service is not ready without it") boolean critical,
    @Schema(example = "2") long latencyMs,
    @Schema(description = "Why it is down", example = "unreachable") String detail) {

  public enum Status {
    UP,
    DOWN
  }

  public boolean up() {
    return status == Status.UP;
  }

  public static DependencyState up(String name, boolean critical, long latencyMs) {
    return new DependencyState(name, Status.UP, critical, latencyMs, null);
  }

  public static DependencyState down(String name, boolean critical, long latencyMs, String detail) {
    return new DependencyState(name, Status.DOWN, critical, latencyMs, detail);
  }
}
