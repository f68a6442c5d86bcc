package io.artstore.admin.domain.gc;

/**
 * Capacity warnings (SPEC §4): an element whose used share reaches the threshold raises one warning
 * per crossing; it may raise again only after it fell below.
 */
public final class CapacityRule {
  private CapacityRule() {}

  /** What a sync's figures mean for the element's warning. */
  public enum Transition {
    /** Reached the threshold while not warned: raise the event. */
    RAISE,
    /** Below the threshold while warned: clear, so the next crossing raises again. */
    CLEAR,
    /** Nothing changes. */
    NONE
  }

  /** The used share in percent (0–100), 0 when the element reports no capacity. */
  public static double percentUsed(long totalBytes, long usedBytes) {
    if (totalBytes <= 0) {
      return 0;
    }
    return Math.min(100.0, Math.max(0, usedBytes) * 100.0 / totalBytes);
  }

  public static Transition transition(double percentUsed, double threshold, boolean warned) {
    boolean above = percentUsed >= threshold;
    if (above && !warned) {
      return Transition.RAISE;
    }
    if (!above && warned) {
      return Transition.CLEAR;
    }
    return Transition.NONE;
  }
}
