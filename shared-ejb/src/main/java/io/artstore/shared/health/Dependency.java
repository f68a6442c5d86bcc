package io.artstore.shared.health;

/**
 * Something this service needs from outside its JVM: the database, Redis, a peer service. Each is
 * probed by the readiness check of the same name and listed by {@code GET /api/v1/status}, so the
 * two can never disagree.
 */
public interface Dependency {
  String name();

  boolean critical();

  /** Probes now, bounded by a short timeout; never throws. */
  DependencyState probe();
}
