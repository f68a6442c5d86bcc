package io.artstore.admin.domain.gc;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The retention rules of admin's GC (SPEC §4), free of clocks and frameworks: which registry rows
 * are due for physical removal, what their status becomes, when a failed removal is tried again,
 * and when a file counts as expiring soon. The element applies its own retention check again on
 * every removal (RETENTION_LOCKED), so these rules can only ever remove less, never more.
 */
public final class GcRules {
  private GcRules() {}

  /** Why a file is removed. */
  public enum Reason {
    /** A temporary file past its expiry (or one the element already marked expired). */
    EXPIRED("expired"),
    /** A file deleted longer ago than the grace. */
    DELETED("deleted");

    private final String wireName;

    Reason(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The registry status after the bytes are gone: expired stays apart from deleted. */
    public String statusAfterPurge() {
      return this == EXPIRED ? "expired" : "deleted";
    }
  }

  /** What GC knows of a registry row. */
  public record FileState(
      String status, String retentionPolicy, Instant expiresAt, Instant deletedAt) {}

  /**
   * Why {@code file} may be removed now, or empty when it must stay: a permanent file never (unless
   * deleted or expired by its element); an active temporary file only at or after its expiry; a
   * deleted file only once {@code deletedGrace} has passed since its deletion (a safety margin for
   * mistakes and for readers still streaming it); an expired one at once.
   */
  public static Optional<Reason> purgeReason(FileState file, Instant now, Duration deletedGrace) {
    Objects.requireNonNull(now);
    if (file == null || file.status() == null) {
      return Optional.empty();
    }
    switch (file.status()) {
      case "active" -> {
        boolean temporary = "temporary".equals(file.retentionPolicy());
        if (temporary && file.expiresAt() != null && !now.isBefore(file.expiresAt())) {
          return Optional.of(Reason.EXPIRED);
        }
        return Optional.empty();
      }
      case "expired" -> {
        return Optional.of(Reason.EXPIRED);
      }
      case "deleted" -> {
        // Without a deletion time nobody can prove the grace has passed: keep the file.
        if (file.deletedAt() != null && !now.isBefore(file.deletedAt().plus(deletedGrace))) {
          return Optional.of(Reason.DELETED);
        }
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /**
   * The delay before attempt {@code failedAttempts + 1}: {@code base} after the first failure,
   * doubling with each further one, never more than {@code max}.
   */
  public static Duration backoff(int failedAttempts, Duration base, Duration max) {
    if (failedAttempts < 1) {
      return Duration.ZERO;
    }
    if (base.isNegative() || base.isZero()) {
      return Duration.ZERO;
    }
    // 2^(n-1) overflows long quickly; past 62 doublings the cap has long applied.
    int doublings = Math.min(failedAttempts - 1, 62);
    Duration delay;
    try {
      delay = base.multipliedBy(1L << doublings);
    } catch (ArithmeticException overflow) {
      return max;
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** When to try again after the {@code failedAttempts}-th failure at {@code now}. */
  public static Instant nextAttempt(int failedAttempts, Instant now, Duration base, Duration max) {
    return now.plus(backoff(failedAttempts, base, max));
  }

  /**
   * Whether a row is due: never tried, or its back-off has passed, or the run ignores back-off (an
   * operator's explicit run).
   */
  public static boolean due(Instant nextAttemptAt, Instant now, boolean ignoreBackoff) {
    return ignoreBackoff || nextAttemptAt == null || !now.isBefore(nextAttemptAt);
  }

  /**
   * Whether an active temporary file's expiry is within {@code window} from now and still ahead (an
   * expired file is GC's business, not a warning's).
   */
  public static boolean expiringSoon(
      String status, String retentionPolicy, Instant expiresAt, Instant now, Duration window) {
    return "active".equals(status)
        && "temporary".equals(retentionPolicy)
        && expiresAt != null
        && now.isBefore(expiresAt)
        && !expiresAt.isAfter(now.plus(window));
  }
}
