package io.artstore.shared.health;

/**
 * What a probe of one dependency found. A critical dependency that is down makes the service not
 * ready; a non-critical one only makes it degraded.
 */
public record DependencyState(
    String name, Status status, boolean critical, long latencyMs, String detail) {

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
