package io.artstore.storage.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The lifecycle status recorded in attr.json. A deleted or expired file keeps its bytes until GC
 * removes them physically ({@code DELETE /api/v1/gc/{id}}).
 */
public enum FileStatus {
  ACTIVE,
  DELETED,
  EXPIRED,
  /**
   * The copy of a file that moved to another element in a committed transfer (DECISIONS D40):
   * invisible to reads and listings, removed by GC after the safety margin.
   */
  TRANSFERRED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FileStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (FileStatus status : values()) {
      if (status.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
