package io.artstore.storage.domain.transfer;

import static io.artstore.storage.domain.transfer.TransferBranchTest.BRANCH;
import static io.artstore.storage.domain.transfer.TransferBranchTest.FILE;
import static io.artstore.storage.domain.transfer.TransferBranchTest.T0;
import static io.artstore.storage.domain.transfer.TransferBranchTest.staged;
import static io.artstore.storage.domain.transfer.TransferBranchTest.staging;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.RetentionPolicy;
import io.artstore.storage.domain.transfer.TransferRules.CommitAction;
import io.artstore.storage.domain.transfer.TransferRules.PrepareAction;
import io.artstore.storage.domain.transfer.TransferRules.RollbackAction;
import io.artstore.storage.domain.transfer.TransferRules.Vote;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TransferRulesTest {

  @ParameterizedTest
  @CsvSource({
    "EDIT, TEMPORARY, YES",
    "EDIT, PERMANENT, MODE_NOT_ALLOWED",
    "RW, PERMANENT, YES",
    "RW, TEMPORARY, MODE_NOT_ALLOWED",
    "RO, PERMANENT, MODE_NOT_ALLOWED",
    "RO, TEMPORARY, MODE_NOT_ALLOWED",
    "AR, PERMANENT, MODE_NOT_ALLOWED",
    "AR, TEMPORARY, MODE_NOT_ALLOWED"
  })
  void aTargetReceivesWhatItsModeStores(ElementMode mode, RetentionPolicy policy, Vote vote) {
    TransferRules.Verdict verdict = TransferRules.mayReceive(mode, policy);
    assertEquals(vote, verdict.vote());
    assertEquals(vote == Vote.YES, verdict.reason() == null, String.valueOf(verdict.reason()));
  }

  @Test
  void targetVotesYesOnlyWithAWholeStagedCopyAndAWritableMode() {
    assertEquals(
        Vote.YES,
        TransferRules.targetVote(ElementMode.RW, RetentionPolicy.PERMANENT, true, false).vote());
    assertEquals(
        Vote.CONFLICT,
        TransferRules.targetVote(ElementMode.RW, RetentionPolicy.PERMANENT, false, false).vote(),
        "staged copy missing");
    assertEquals(
        Vote.CONFLICT,
        TransferRules.targetVote(ElementMode.RW, RetentionPolicy.PERMANENT, true, true).vote(),
        "the file arrived here meanwhile");
    assertEquals(
        Vote.MODE_NOT_ALLOWED,
        TransferRules.targetVote(ElementMode.RO, RetentionPolicy.PERMANENT, true, false).vote(),
        "closed (rw -> ro) after staging");
    assertEquals(
        Vote.MODE_NOT_ALLOWED,
        TransferRules.targetVote(ElementMode.EDIT, RetentionPolicy.PERMANENT, true, false).vote());
  }

  @Test
  void sourceVotesYesForAnActiveUnheldUnchangedFileInAnyMode() {
    assertTrue(TransferRules.sourceVote(FileStatus.ACTIVE, false, null, 3).yes());
    assertTrue(TransferRules.sourceVote(FileStatus.ACTIVE, false, 3L, 3).yes());
    assertEquals(Vote.CONFLICT, TransferRules.sourceVote(null, false, null, 0).vote(), "absent");
    assertEquals(
        Vote.CONFLICT, TransferRules.sourceVote(FileStatus.ACTIVE, true, null, 3).vote(), "held");
    assertEquals(
        Vote.CONFLICT,
        TransferRules.sourceVote(FileStatus.ACTIVE, false, 2L, 3).vote(),
        "changed since copied");
  }

  @ParameterizedTest
  @EnumSource(
      value = FileStatus.class,
      names = {"DELETED", "EXPIRED", "TRANSFERRED"})
  void aSourceThatIsNotActiveVotesNo(FileStatus status) {
    assertEquals(Vote.CONFLICT, TransferRules.sourceVote(status, false, null, 1).vote());
  }

  @Test
  void prepareActionsPerState() {
    assertEquals(PrepareAction.VOTE, TransferRules.onPrepare(BranchRole.SOURCE, null));
    assertEquals(PrepareAction.NOT_STAGED, TransferRules.onPrepare(BranchRole.TARGET, null));
    assertEquals(PrepareAction.NOT_STAGED, TransferRules.onPrepare(BranchRole.TARGET, staging()));
    assertEquals(PrepareAction.VOTE, TransferRules.onPrepare(BranchRole.TARGET, staged()));
    TransferBranch prepared = staged().prepared(T0);
    assertEquals(
        PrepareAction.ALREADY_PREPARED, TransferRules.onPrepare(BranchRole.TARGET, prepared));
    assertEquals(
        PrepareAction.ALREADY_PREPARED,
        TransferRules.onPrepare(BranchRole.TARGET, prepared.committing(T0)));
    assertEquals(
        PrepareAction.RESOLVED,
        TransferRules.onPrepare(BranchRole.TARGET, prepared.committing(T0).committed(T0)));
    assertEquals(
        PrepareAction.RESOLVED,
        TransferRules.onPrepare(BranchRole.TARGET, prepared.rolledBack(T0, null, null)));
    assertEquals(
        PrepareAction.REFUSED,
        TransferRules.onPrepare(
            BranchRole.SOURCE,
            TransferBranch.refusedSource(BRANCH, FILE, "CONFLICT", "deleted", T0)));
  }

  @Test
  void commitActionsPerState() {
    assertEquals(CommitAction.NOT_PREPARED, TransferRules.onCommit(null));
    assertEquals(CommitAction.NOT_PREPARED, TransferRules.onCommit(staging()));
    assertEquals(CommitAction.NOT_PREPARED, TransferRules.onCommit(staged()));
    TransferBranch prepared = staged().prepared(T0);
    assertEquals(CommitAction.PERFORM, TransferRules.onCommit(prepared));
    assertEquals(CommitAction.PERFORM, TransferRules.onCommit(prepared.committing(T0)));
    assertEquals(
        CommitAction.ALREADY_COMMITTED,
        TransferRules.onCommit(prepared.committing(T0).committed(T0)));
    assertEquals(
        CommitAction.ROLLED_BACK, TransferRules.onCommit(prepared.rolledBack(T0, null, null)));
  }

  @Test
  void rollbackActionsPerState() {
    assertEquals(RollbackAction.ALREADY_ROLLED_BACK, TransferRules.onRollback(null));
    assertEquals(RollbackAction.PERFORM, TransferRules.onRollback(staging()));
    assertEquals(RollbackAction.PERFORM, TransferRules.onRollback(staged()));
    TransferBranch prepared = staged().prepared(T0);
    assertEquals(RollbackAction.PERFORM, TransferRules.onRollback(prepared));
    assertEquals(
        RollbackAction.ALREADY_ROLLED_BACK,
        TransferRules.onRollback(prepared.rolledBack(T0, null, null)));
    assertEquals(RollbackAction.COMMITTED, TransferRules.onRollback(prepared.committing(T0)));
    assertEquals(
        RollbackAction.COMMITTED, TransferRules.onRollback(prepared.committing(T0).committed(T0)));
  }

  @Test
  void restagingReplacesUntilPrepared() {
    assertTrue(TransferRules.mayRestage(null));
    assertTrue(TransferRules.mayRestage(staging()));
    assertTrue(TransferRules.mayRestage(staged()));
    assertFalse(TransferRules.mayRestage(staged().prepared(T0)));
    assertFalse(TransferRules.mayRestage(staged().rolledBack(T0, null, null)));
  }

  @Test
  void onlyUnpreparedStagingIsAbandoned() {
    Duration ttl = Duration.ofHours(1);
    TransferBranch staged = staged(); // updated at T0 + 1 s
    assertFalse(TransferRules.abandoned(staged, T0.plus(ttl), ttl));
    assertTrue(TransferRules.abandoned(staged, T0.plusSeconds(1).plus(ttl), ttl));
    assertTrue(TransferRules.abandoned(staging(), T0.plus(ttl), ttl));
    TransferBranch prepared = staged.prepared(T0);
    assertFalse(
        TransferRules.abandoned(prepared, T0.plus(Duration.ofDays(365)), ttl),
        "a prepared branch waits for its coordinator forever");
  }

  @Test
  void tombstonesExpire() {
    Duration ttl = Duration.ofDays(7);
    TransferBranch committed = staged().prepared(T0).committing(T0).committed(T0);
    assertFalse(TransferRules.tombstoneExpired(committed, T0.plus(ttl).minusMillis(1), ttl));
    assertTrue(TransferRules.tombstoneExpired(committed, T0.plus(ttl), ttl));
    assertFalse(
        TransferRules.tombstoneExpired(staged().prepared(T0), T0.plus(Duration.ofDays(99)), ttl));
  }

  @ParameterizedTest
  @CsvSource({
    "EDIT, 3600, true",
    "RW, 3600, true",
    "RW, 3599, false",
    "RO, 999999, false",
    "AR, 999999, false"
  })
  void aTransferredCopyGoesAfterTheMarginWhereTheModeLetsFilesGo(
      ElementMode mode, long secondsLater, boolean removable) {
    assertEquals(
        removable,
        TransferRules.mayRemoveTransferred(
            T0, mode, T0.plusSeconds(secondsLater), Duration.ofHours(1)));
  }
}
