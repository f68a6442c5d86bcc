package io.artstore.admin.domain.account;

import java.util.Locale;
import java.util.Optional;

/** Lifecycle of a service account (SPEC §2.1). {@code deleted} is a soft delete. */
public enum AccountStatus {
  ACTIVE,
  SUSPENDED,
  EXPIRED,
  DELETED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AccountStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (AccountStatus status : values()) {
      if (status.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
