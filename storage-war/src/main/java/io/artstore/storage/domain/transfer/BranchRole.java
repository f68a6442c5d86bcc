package io.artstore.storage.domain.transfer;

import java.util.Locale;
import java.util.Optional;

/** Which side of a transfer this element plays in a branch. */
public enum BranchRole {
  /** Receives the copy: stages it, activates it at commit. */
  TARGET,
  /** Holds the file: keeps it active until commit, then marks it transferred (removable). */
  SOURCE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BranchRole> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (BranchRole role : values()) {
      if (role.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
