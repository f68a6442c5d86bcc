package io.artstore.storage.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Retention (SPEC §3.3): a permanent file, or a temporary one before its expiry unless deleted by
 * its owner or an ADMIN in {@code edit} mode, cannot be deleted or overwritten by any endpoint, and
 * GC never removes a file before its time.
 */
public final class RetentionRules {

  /** The verdict, each mapping to one answer of the endpoint. */
  public enum Decision {
    ALLOWED,
    /** The element's mode does not allow the operation (409/403 MODE_NOT_ALLOWED). */
    MODE_NOT_ALLOWED,
    /** The file's retention protects it (409 RETENTION_LOCKED). */
    RETENTION_LOCKED,
    /** Allowed to its owner or an ADMIN only, and the requester is neither (403). */
    FORBIDDEN
  }

  private RetentionRules() {}

  /**
   * The client's {@code DELETE} of a file (which marks it deleted; GC removes the bytes later).
   *
   * <ol>
   *   <li>the mode must allow DELETE (only {@code edit} does), else MODE_NOT_ALLOWED;
   *   <li>a permanent file: RETENTION_LOCKED, whoever asks;
   *   <li>a temporary file at or after its expiry: ALLOWED;
   *   <li>a temporary file before its expiry (or without one): ALLOWED to its owner or an ADMIN,
   *       FORBIDDEN to anybody else.
   * </ol>
   *
   * The file's status is not looked at: whether an already deleted file answers 404 or 204 is the
   * endpoint's business.
   */
  public static Decision mayDelete(
      FileAttributes file, ElementMode mode, boolean requesterIsOwnerOrAdmin, Instant now) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(now, "now");
    if (!mode.allows(Operation.DELETE)) {
      return Decision.MODE_NOT_ALLOWED;
    }
    if (file.retentionPolicy() == RetentionPolicy.PERMANENT) {
      return Decision.RETENTION_LOCKED;
    }
    if (file.isExpiredAt(now)) {
      return Decision.ALLOWED;
    }
    return requesterIsOwnerOrAdmin ? Decision.ALLOWED : Decision.FORBIDDEN;
  }

  /**
   * GC's physical removal of a file's bytes and attr file: ALLOWED when its status is DELETED or
   * EXPIRED, or when it is temporary and at or after its expiry; RETENTION_LOCKED otherwise (an
   * active permanent file, an active temporary file before its expiry or without one, and a
   * TRANSFERRED copy, whose removal {@code TransferRules.mayRemoveTransferred} decides).
   */
  public static Decision mayPurge(FileAttributes file, Instant now) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(now, "now");
    if (file.status() == FileStatus.TRANSFERRED) {
      // A transferred copy has its own rule (margin and mode): TransferRules.mayRemoveTransferred.
      return Decision.RETENTION_LOCKED;
    }
    if (file.status() == FileStatus.DELETED || file.status() == FileStatus.EXPIRED) {
      return Decision.ALLOWED;
    }
    if (file.retentionPolicy() == RetentionPolicy.TEMPORARY && file.isExpiredAt(now)) {
      return Decision.ALLOWED;
    }
    return Decision.RETENTION_LOCKED;
  }

  /**
   * The ingester's withdraw of an upload it could not register (DECISIONS D35): ALLOWED while the
   * file is younger than {@code window}, measured from its {@code created_at} (the upload); from
   * then on RETENTION_LOCKED, so withdraw cannot be used to remove files retention protects. A file
   * without {@code created_at} (a schema-1 document) is never young enough. Status and retention
   * policy are not looked at: the file was never made visible.
   */
  public static Decision mayWithdraw(FileAttributes file, Instant now, Duration window) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(window, "window");
    if (file.createdAt() == null) {
      return Decision.RETENTION_LOCKED;
    }
    return now.isBefore(file.createdAt().plus(window))
        ? Decision.ALLOWED
        : Decision.RETENTION_LOCKED;
  }
}
