package io.artstore.storage.domain.transfer;

import java.util.Locale;
import java.util.Optional;

/**
 * The life of a branch on the element.
 *
 * <pre>
 * target: STAGING → STAGED → PREPARED → COMMITTING → COMMITTED
 *                      ↘          ↘
 *                       ROLLED_BACK
 * source:             PREPARED → COMMITTING → COMMITTED
 *                          ↘
 *                           ROLLED_BACK
 * </pre>
 *
 * {@code COMMITTED} and {@code ROLLED_BACK} are tombstones: kept for a while so that a repeated
 * commit or rollback gets the same answer, then forgotten. {@code COMMITTING} is the durable
 * decision to commit: a restart completes it on its own (the coordinator decided already).
 */
public enum BranchState {
  STAGING,
  STAGED,
  PREPARED,
  COMMITTING,
  COMMITTED,
  ROLLED_BACK;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A tombstone: nothing is left to do. */
  public boolean resolved() {
    return this == COMMITTED || this == ROLLED_BACK;
  }

  public static Optional<BranchState> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (BranchState state : values()) {
      if (state.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
