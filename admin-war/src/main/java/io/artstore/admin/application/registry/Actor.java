package io.artstore.admin.application.registry;

/** Who changes the registry, for the audit log: a caller's name and principal type, or a job. */
public record Actor(String name, String type) {
  public static final Actor HEALTH_SYNC = new Actor("health-sync", "system");
}
