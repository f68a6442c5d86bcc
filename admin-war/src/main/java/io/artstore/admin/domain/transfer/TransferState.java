package io.artstore.admin.domain.transfer;

import java.util.Collection;

/** A transfer as a whole, derived from its items. */
public enum TransferState {
  RUNNING("running"),
  COMPLETED("completed"),
  PARTIALLY_COMPLETED("partially_completed"),
  FAILED("failed");

  private final String wireName;

  TransferState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static TransferState of(Collection<ItemState> items) {
    if (items.stream().anyMatch(s -> !s.finished())) {
      return RUNNING;
    }
    long committed = items.stream().filter(s -> s == ItemState.COMMITTED).count();
    if (committed == items.size()) {
      return COMPLETED;
    }
    return committed == 0 ? FAILED : PARTIALLY_COMPLETED;
  }
}
