package io.artstore.admin.domain.transfer;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where one file of a transfer is. {@code committed} is set by the file's XA transaction itself
 * (its registry branch), so it is never shown unless the registry points at the target.
 */
public enum ItemState {
  PENDING("pending"),
  STAGING("staging"),
  COMMITTED("committed"),
  ROLLED_BACK("rolled_back"),
  FAILED("failed");

  private final String wireName;

  ItemState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean finished() {
    return this == COMMITTED || this == ROLLED_BACK || this == FAILED;
  }

  public static Optional<ItemState> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
  }
}
