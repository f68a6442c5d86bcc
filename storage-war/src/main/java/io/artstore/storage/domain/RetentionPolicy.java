package io.artstore.storage.domain;

import java.util.Locale;
import java.util.Optional;

/** How long a file is kept (SPEC §3.3): temporary files expire, permanent ones never do. */
public enum RetentionPolicy {
  TEMPORARY,
  PERMANENT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RetentionPolicy> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (RetentionPolicy policy : values()) {
      if (policy.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }
}
