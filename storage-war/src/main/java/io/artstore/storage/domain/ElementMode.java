package io.artstore.storage.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle modes of a storage element (SPEC §3.3) and their rules: what each allows, and which
 * transitions the API may make. The API only ever moves an element forward towards the archive
 * ({@code rw → ro → ar}); leaving {@code edit} or {@code ar} takes a configuration change.
 */
public enum ElementMode {
  /** Working store for temporary files. */
  EDIT(
      EnumSet.of(
          Operation.UPLOAD,
          Operation.READ,
          Operation.DOWNLOAD,
          Operation.UPDATE_METADATA,
          Operation.DELETE)),
  /** Permanent store being filled. */
  RW(EnumSet.of(Operation.UPLOAD, Operation.READ, Operation.DOWNLOAD, Operation.UPDATE_METADATA)),
  /** Permanent, closed. */
  RO(EnumSet.of(Operation.READ, Operation.DOWNLOAD)),
  /** Archive: metadata online, content on cold storage until restored. */
  AR(EnumSet.of(Operation.READ));

  private final Set<Operation> allowed;

  ElementMode(Set<Operation> allowed) {
    this.allowed = allowed;
  }

  public Set<Operation> allowedOperations() {
    return EnumSet.copyOf(allowed);
  }

  public boolean allows(Operation operation) {
    return allowed.contains(operation);
  }

  /** Whether {@code POST /api/v1/mode/transition} may move an element from this mode to target. */
  public boolean canTransitionByApiTo(ElementMode target) {
    return (this == RW && target == RO) || (this == RO && target == AR);
  }

  /**
   * Whether a configuration change at start-up may move an element from this (persisted) mode to
   * {@code configured}: only out of {@code edit} and {@code ar}, which the API cannot leave. A mode
   * reached by API is never undone by a configuration file that still names the old one.
   */
  public boolean canBeChangedByConfigurationTo(ElementMode configured) {
    return this != configured && (this == EDIT || this == AR);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ElementMode> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (ElementMode mode : values()) {
      if (mode.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
