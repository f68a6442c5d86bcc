package io.artstore.storage.domain.transfer;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What the element remembers of one transfer branch, durably (a state file per branch). Every
 * change is a new record made by one of the transition methods, which refuse moves the state
 * machine of {@link BranchState} does not have.
 *
 * @param stagedKey target: where the staged bytes are (a hidden key, invisible to reads)
 * @param dataKey target: the key the file gets at commit; source: the file's key
 * @param sizeBytes target: bytes staged (-1 while staging); source: the file's size
 * @param checksum SHA-256 of the bytes, lower-case hex (null while staging)
 * @param document target: the attr.json written at commit (null for a source)
 * @param reservedBytes target: capacity held for the staged bytes until commit or rollback
 * @param refusalCode when the branch voted no: the problem code it answered (repeated on a repeated
 *     prepare)
 */
public record TransferBranch(
    BranchId branch,
    BranchRole role,
    UUID fileId,
    BranchState state,
    String stagedKey,
    String dataKey,
    long sizeBytes,
    String checksum,
    String document,
    long reservedBytes,
    Instant createdAt,
    Instant updatedAt,
    Instant preparedAt,
    Instant resolvedAt,
    String refusalCode,
    String refusalDetail) {

  public TransferBranch {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** A target branch whose bytes are about to be streamed. */
  public static TransferBranch staging(
      BranchId branch, UUID fileId, String stagedKey, String dataKey, Instant now) {
    return new TransferBranch(
        branch,
        BranchRole.TARGET,
        fileId,
        BranchState.STAGING,
        Objects.requireNonNull(stagedKey, "stagedKey"),
        Objects.requireNonNull(dataKey, "dataKey"),
        -1,
        null,
        null,
        0,
        now,
        now,
        null,
        null,
        null,
        null);
  }

  /** A source branch voting yes: the file stays active, and locked, until the outcome. */
  public static TransferBranch preparedSource(
      BranchId branch, UUID fileId, String dataKey, long sizeBytes, String checksum, Instant now) {
    return new TransferBranch(
        branch,
        BranchRole.SOURCE,
        fileId,
        BranchState.PREPARED,
        null,
        dataKey,
        sizeBytes,
        checksum,
        null,
        0,
        now,
        now,
        now,
        null,
        null,
        null);
  }

  /** A source branch that voted no: remembered so that a repeated prepare answers the same. */
  public static TransferBranch refusedSource(
      BranchId branch, UUID fileId, String code, String detail, Instant now) {
    return new TransferBranch(
        branch,
        BranchRole.SOURCE,
        fileId,
        BranchState.ROLLED_BACK,
        null,
        null,
        -1,
        null,
        null,
        0,
        now,
        now,
        null,
        now,
        code,
        detail);
  }

  /** The bytes arrived whole and their SHA-256 matched: STAGING → STAGED. */
  public TransferBranch staged(
      long size, String sha256, String attrDocument, long reserved, Instant now) {
    require(BranchState.STAGING);
    return new TransferBranch(
        branch,
        role,
        fileId,
        BranchState.STAGED,
        stagedKey,
        dataKey,
        size,
        Objects.requireNonNull(sha256, "sha256"),
        Objects.requireNonNull(attrDocument, "attrDocument"),
        reserved,
        createdAt,
        now,
        null,
        null,
        null,
        null);
  }

  /** The target voted yes: STAGED → PREPARED. */
  public TransferBranch prepared(Instant now) {
    require(BranchState.STAGED);
    return with(BranchState.PREPARED, now, now, null, null, null);
  }

  /** The coordinator decided to commit: PREPARED → COMMITTING (durable before any change). */
  public TransferBranch committing(Instant now) {
    if (state == BranchState.COMMITTING) {
      return this;
    }
    require(BranchState.PREPARED);
    return with(BranchState.COMMITTING, now, preparedAt, null, null, null);
  }

  /** The commit is complete everywhere: COMMITTING → COMMITTED (a tombstone). */
  public TransferBranch committed(Instant now) {
    require(BranchState.COMMITTING);
    return with(BranchState.COMMITTED, now, preparedAt, now, null, null);
  }

  /**
   * Rolled back (by the coordinator, by a no vote, or because a staged copy was abandoned): any
   * state before the commit decision → ROLLED_BACK (a tombstone).
   */
  public TransferBranch rolledBack(Instant now, String code, String detail) {
    if (state == BranchState.COMMITTING || state == BranchState.COMMITTED) {
      throw new IllegalStateException("branch " + branch + " is " + state.wireName());
    }
    if (state == BranchState.ROLLED_BACK) {
      return this;
    }
    return with(BranchState.ROLLED_BACK, now, preparedAt, now, code, detail);
  }

  private TransferBranch with(
      BranchState next,
      Instant now,
      Instant prepared,
      Instant resolved,
      String code,
      String detail) {
    return new TransferBranch(
        branch,
        role,
        fileId,
        next,
        stagedKey,
        dataKey,
        sizeBytes,
        checksum,
        document,
        reservedBytes,
        createdAt,
        now,
        prepared,
        resolved,
        code,
        detail);
  }

  private void require(BranchState expected) {
    if (state != expected) {
      throw new IllegalStateException(
          "branch " + branch + " is " + state.wireName() + ", not " + expected.wireName());
    }
  }
}
