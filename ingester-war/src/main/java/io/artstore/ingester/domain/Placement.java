package io.artstore.ingester.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a file of a retention policy may live (SPEC §5.1): temporary files on {@code edit}
 * elements, permanent ones on {@code rw} elements.
 */
public enum Placement {
  TEMPORARY("temporary", "edit"),
  PERMANENT("permanent", "rw");

  private final String policy;
  private final String mode;

  Placement(String policy, String mode) {
    this.policy = policy;
    this.mode = mode;
  }

  /** The retention policy as the API names it. */
  public String policy() {
    return policy;
  }

  /** The element mode that stores it. */
  public String mode() {
    return mode;
  }

  public static Optional<Placement> ofPolicy(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (Placement p : values()) {
      if (p.policy.equals(v)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
