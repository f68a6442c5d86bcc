package io.artstore.storage.domain.transfer;

import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The element's rules as a transfer participant (SPEC §3.6, §5.4; DECISIONS D40): where a copy may
 * be staged, how each side votes, and what a commit or rollback does in each state. Pure: the
 * caller gathers the facts, these methods decide.
 */
public final class TransferRules {
  private TransferRules() {}

  /** A vote, or the refusal of a staging. */
  public enum Vote {
    YES,
    /** 409 CONFLICT. */
    CONFLICT,
    /** 409 MODE_NOT_ALLOWED. */
    MODE_NOT_ALLOWED
  }

  /** A vote and why. */
  public record Verdict(Vote vote, String reason) {
    public static final Verdict YES = new Verdict(Vote.YES, null);

    public boolean yes() {
      return vote == Vote.YES;
    }
  }

  /**
   * Whether this element may receive a file of this retention: an {@code edit} element takes
   * temporary files, an {@code rw} element permanent ones (as for uploads, DECISIONS D28); {@code
   * ro} and {@code ar} take nothing.
   */
  public static Verdict mayReceive(ElementMode mode, RetentionPolicy policy) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(policy, "policy");
    if (mode == ElementMode.EDIT && policy == RetentionPolicy.TEMPORARY) {
      return Verdict.YES;
    }
    if (mode == ElementMode.RW && policy == RetentionPolicy.PERMANENT) {
      return Verdict.YES;
    }
    if (mode == ElementMode.EDIT || mode == ElementMode.RW) {
      return new Verdict(
          Vote.MODE_NOT_ALLOWED,
          "an "
              + mode.wireName()
              + " element stores "
              + (mode == ElementMode.EDIT ? "temporary" : "permanent")
              + " files only, not "
              + policy.wireName()
              + " ones");
    }
    return new Verdict(
        Vote.MODE_NOT_ALLOWED, "an element in mode " + mode.wireName() + " accepts no writes");
  }

  /**
   * The target's vote: yes only when its mode still accepts the file, its staged copy exists whole
   * (verified at staging), and no file with that id became active here meanwhile.
   */
  public static Verdict targetVote(
      ElementMode mode, RetentionPolicy policy, boolean stagedCopyWhole, boolean fileHere) {
    Verdict receive = mayReceive(mode, policy);
    if (!receive.yes()) {
      return receive;
    }
    if (fileHere) {
      return new Verdict(Vote.CONFLICT, "a file with this id is already on this element");
    }
    if (!stagedCopyWhole) {
      return new Verdict(Vote.CONFLICT, "the staged copy is missing or incomplete");
    }
    return Verdict.YES;
  }

  /**
   * The source's vote: yes when the file is here and active, no other branch holds it, and (when
   * the coordinator says which version it copied) it has not changed since. The mode does not
   * matter: a source in {@code ro} or {@code ar} votes yes and keeps its copy until its own rules
   * allow the removal ({@link #mayRemoveTransferred}).
   *
   * @param status the file's status here, null when it is not here
   * @param expectedVersion the attr.json version the coordinator copied, null when not given
   */
  public static Verdict sourceVote(
      FileStatus status, boolean heldByAnotherBranch, Long expectedVersion, long actualVersion) {
    if (status == null) {
      return new Verdict(Vote.CONFLICT, "the file is not on this element");
    }
    if (status != FileStatus.ACTIVE) {
      return new Verdict(Vote.CONFLICT, "the file is " + status.wireName() + ", not active");
    }
    if (heldByAnotherBranch) {
      return new Verdict(Vote.CONFLICT, "another transfer branch holds the file");
    }
    if (expectedVersion != null && expectedVersion != actualVersion) {
      return new Verdict(
          Vote.CONFLICT,
          "the file changed since it was copied (version "
              + actualVersion
              + ", the copy is of version "
              + expectedVersion
              + ")");
    }
    return Verdict.YES;
  }

  /** What a prepare does in a branch's current state. */
  public enum PrepareAction {
    /** Gather the facts and vote (target: STAGED; source: unknown branch). */
    VOTE,
    /** Prepared already (or deciding to commit): the same yes. */
    ALREADY_PREPARED,
    /** Voted no before: the same no. */
    REFUSED,
    /** Target without a (complete) staged copy: no. */
    NOT_STAGED,
    /** Committed, or rolled back after a yes: the branch is over. */
    RESOLVED
  }

  public static PrepareAction onPrepare(BranchRole role, TransferBranch current) {
    Objects.requireNonNull(role, "role");
    if (current == null) {
      return role == BranchRole.SOURCE ? PrepareAction.VOTE : PrepareAction.NOT_STAGED;
    }
    return switch (current.state()) {
      case STAGING -> PrepareAction.NOT_STAGED;
      case STAGED -> PrepareAction.VOTE;
      case PREPARED, COMMITTING -> PrepareAction.ALREADY_PREPARED;
      case COMMITTED -> PrepareAction.RESOLVED;
      case ROLLED_BACK ->
          current.refusalCode() != null ? PrepareAction.REFUSED : PrepareAction.RESOLVED;
    };
  }

  /** What a commit does in a branch's current state. */
  public enum CommitAction {
    /** Prepared (or a commit interrupted half-way): do (or finish) the commit. */
    PERFORM,
    /** Committed before: 200 again. */
    ALREADY_COMMITTED,
    /** Never prepared (unknown, staging, staged): 409. */
    NOT_PREPARED,
    /** Rolled back: 409, the outcome cannot change. */
    ROLLED_BACK
  }

  public static CommitAction onCommit(TransferBranch current) {
    if (current == null) {
      return CommitAction.NOT_PREPARED;
    }
    return switch (current.state()) {
      case STAGING, STAGED -> CommitAction.NOT_PREPARED;
      case PREPARED, COMMITTING -> CommitAction.PERFORM;
      case COMMITTED -> CommitAction.ALREADY_COMMITTED;
      case ROLLED_BACK -> CommitAction.ROLLED_BACK;
    };
  }

  /** What a rollback does in a branch's current state. */
  public enum RollbackAction {
    /** Staging, staged or prepared: undo. */
    PERFORM,
    /** Unknown or rolled back already: 200 again. */
    ALREADY_ROLLED_BACK,
    /** Committing or committed: 409, the outcome cannot change. */
    COMMITTED
  }

  public static RollbackAction onRollback(TransferBranch current) {
    if (current == null) {
      return RollbackAction.ALREADY_ROLLED_BACK;
    }
    return switch (current.state()) {
      case STAGING, STAGED, PREPARED -> RollbackAction.PERFORM;
      case ROLLED_BACK -> RollbackAction.ALREADY_ROLLED_BACK;
      case COMMITTING, COMMITTED -> RollbackAction.COMMITTED;
    };
  }

  /** Staging again on the same branch replaces the copy, until the branch is prepared. */
  public static boolean mayRestage(TransferBranch current) {
    return current == null
        || current.state() == BranchState.STAGING
        || current.state() == BranchState.STAGED;
  }

  /**
   * A staged copy nobody prepared within the staging TTL is abandoned (and removed). Prepared
   * branches never expire: only the coordinator resolves them.
   */
  public static boolean abandoned(TransferBranch branch, Instant now, Duration stagingTtl) {
    return (branch.state() == BranchState.STAGING || branch.state() == BranchState.STAGED)
        && !now.isBefore(branch.updatedAt().plus(stagingTtl));
  }

  /** A tombstone older than its TTL is forgotten. */
  public static boolean tombstoneExpired(TransferBranch branch, Instant now, Duration ttl) {
    return branch.state().resolved() && !now.isBefore(branch.updatedAt().plus(ttl));
  }

  /**
   * GC of a source's transferred copy: only after the safety margin since the transfer (downloads
   * still streaming, a registry still catching up), and only where the element's mode lets files go
   * — {@code edit} and {@code rw}. An {@code ro} or {@code ar} element keeps the copy (invisible)
   * as long as it stays in that mode: those modes never give up a file.
   */
  public static boolean mayRemoveTransferred(
      Instant transferredAt, ElementMode mode, Instant now, Duration margin) {
    Objects.requireNonNull(transferredAt, "transferredAt");
    if (mode != ElementMode.EDIT && mode != ElementMode.RW) {
      return false;
    }
    return !now.isBefore(transferredAt.plus(margin));
  }
}
