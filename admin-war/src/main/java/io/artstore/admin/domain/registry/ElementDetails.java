package io.artstore.admin.domain.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Rules of the fields an operator sets on a registered element, and of the list filters. */
public final class ElementDetails {
  public static final int MAX_NAME = 200;
  public static final int MAX_DESCRIPTION = 2000;
  public static final int MIN_PRIORITY = 0;
  public static final int MAX_PRIORITY = 1_000_000;
  public static final Set<String> MODES = Set.of("edit", "rw", "ro", "ar");
  public static final Set<String> STORAGE_TYPES = Set.of("local", "s3");

  /** A field that breaks a rule. */
  public record Violation(String field, String message) {}

  private ElementDetails() {}

  /** Violations of name, description and priority; null values mean "not given" and pass. */
  public static List<Violation> check(String name, String description, Integer priority) {
    List<Violation> violations = new ArrayList<>();
    if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
      violations.add(new Violation("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      violations.add(
          new Violation("description", "must be at most " + MAX_DESCRIPTION + " characters"));
    }
    if (priority != null && (priority < MIN_PRIORITY || priority > MAX_PRIORITY)) {
      violations.add(
          new Violation("priority", "must be between " + MIN_PRIORITY + " and " + MAX_PRIORITY));
    }
    return violations;
  }

  /** Violations of the list filters; null values mean "any". */
  public static List<Violation> checkFilter(String mode, String status, String storageType) {
    List<Violation> violations = new ArrayList<>();
    if (mode != null && !MODES.contains(mode)) {
      violations.add(new Violation("mode", "must be one of edit, rw, ro, ar"));
    }
    if (status != null && ElementStatus.parse(status).isEmpty()) {
      violations.add(new Violation("status", "must be one of online, offline, degraded"));
    }
    if (storageType != null && !STORAGE_TYPES.contains(storageType)) {
      violations.add(new Violation("storage_type", "must be one of local, s3"));
    }
    return violations;
  }
}
