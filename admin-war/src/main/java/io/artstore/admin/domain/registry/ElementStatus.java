package io.artstore.admin.domain.registry;

import java.util.Locale;
import java.util.Optional;

/** What the registry last saw of an element. */
public enum ElementStatus {
  ONLINE,
  OFFLINE,
  DEGRADED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ElementStatus> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    for (ElementStatus s : values()) {
      if (s.wireName().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
