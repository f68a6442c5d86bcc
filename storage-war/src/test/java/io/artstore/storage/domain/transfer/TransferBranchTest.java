package io.artstore.storage.domain.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The branch state machine: staged → prepared → committed / rolled back, and nothing else. */
class TransferBranchTest {
  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  static final BranchId BRANCH = new BranchId("AAABAGd0cmlk");
  static final UUID FILE = UUID.fromString("7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11");
  static final String SHA = "a".repeat(64);

  static TransferBranch staging() {
    return TransferBranch.staging(
        BRANCH, FILE, ".staging/AAABAGd0cmlk/" + FILE, "2026/12/01/10/f_u_x.pdf", T0);
  }

  static TransferBranch staged() {
    return staging().staged(3, SHA, "{}", 8, T0.plusSeconds(1));
  }

  @Test
  void targetGoesStagingStagedPreparedCommittingCommitted() {
    TransferBranch staging = staging();
    assertEquals(BranchState.STAGING, staging.state());
    assertEquals(BranchRole.TARGET, staging.role());
    assertEquals(-1, staging.sizeBytes());

    TransferBranch staged = staging.staged(3, SHA, "{}", 8, T0.plusSeconds(1));
    assertEquals(BranchState.STAGED, staged.state());
    assertEquals(3, staged.sizeBytes());
    assertEquals(8, staged.reservedBytes());
    assertEquals(T0, staged.createdAt());
    assertNull(staged.preparedAt());

    TransferBranch prepared = staged.prepared(T0.plusSeconds(2));
    assertEquals(BranchState.PREPARED, prepared.state());
    assertEquals(T0.plusSeconds(2), prepared.preparedAt());

    TransferBranch committing = prepared.committing(T0.plusSeconds(3));
    assertEquals(BranchState.COMMITTING, committing.state());
    assertSame(committing, committing.committing(T0.plusSeconds(4)), "deciding again is a no-op");

    TransferBranch committed = committing.committed(T0.plusSeconds(5));
    assertEquals(BranchState.COMMITTED, committed.state());
    assertTrue(committed.state().resolved());
    assertEquals(T0.plusSeconds(5), committed.resolvedAt());
    assertEquals(T0.plusSeconds(2), committed.preparedAt(), "the prepare time stays");
    assertEquals(SHA, committed.checksum());
    assertEquals("{}", committed.document());
  }

  @Test
  void sourceStartsPrepared() {
    TransferBranch source =
        TransferBranch.preparedSource(BRANCH, FILE, "2026/01/01/00/f.pdf", 10, SHA, T0);
    assertEquals(BranchRole.SOURCE, source.role());
    assertEquals(BranchState.PREPARED, source.state());
    assertEquals(T0, source.preparedAt());
    assertEquals(BranchState.COMMITTED, source.committing(T0).committed(T0).state());
  }

  @Test
  void aRefusedSourceRemembersItsAnswer() {
    TransferBranch refused =
        TransferBranch.refusedSource(BRANCH, FILE, "CONFLICT", "the file is deleted", T0);
    assertEquals(BranchState.ROLLED_BACK, refused.state());
    assertEquals("CONFLICT", refused.refusalCode());
    assertEquals("the file is deleted", refused.refusalDetail());
  }

  @Test
  void rollbackFromEveryStateBeforeTheDecision() {
    assertEquals(BranchState.ROLLED_BACK, staging().rolledBack(T0, null, null).state());
    assertEquals(BranchState.ROLLED_BACK, staged().rolledBack(T0, null, null).state());
    TransferBranch prepared = staged().prepared(T0);
    TransferBranch rolledBack = prepared.rolledBack(T0.plusSeconds(9), "CONFLICT", "no");
    assertEquals(BranchState.ROLLED_BACK, rolledBack.state());
    assertEquals(T0.plusSeconds(9), rolledBack.resolvedAt());
    assertEquals("CONFLICT", rolledBack.refusalCode());
    assertSame(rolledBack, rolledBack.rolledBack(T0.plusSeconds(10), null, null), "idempotent");
  }

  @Test
  void noRollbackOnceCommitIsDecided() {
    TransferBranch committing = staged().prepared(T0).committing(T0);
    assertThrows(IllegalStateException.class, () -> committing.rolledBack(T0, null, null));
    TransferBranch committed = committing.committed(T0);
    assertThrows(IllegalStateException.class, () -> committed.rolledBack(T0, null, null));
  }

  @Test
  void transitionsOutOfOrderAreRefused() {
    assertThrows(IllegalStateException.class, () -> staging().prepared(T0), "not staged yet");
    assertThrows(IllegalStateException.class, () -> staging().committing(T0));
    assertThrows(IllegalStateException.class, () -> staged().committing(T0), "never prepared");
    assertThrows(IllegalStateException.class, () -> staged().committed(T0));
    assertThrows(IllegalStateException.class, () -> staged().prepared(T0).committed(T0));
    assertThrows(
        IllegalStateException.class, () -> staged().staged(1, SHA, "{}", 0, T0), "staged twice");
    TransferBranch rolledBack = staged().rolledBack(T0, null, null);
    assertThrows(IllegalStateException.class, () -> rolledBack.prepared(T0));
    assertThrows(IllegalStateException.class, () -> rolledBack.committing(T0));
  }
}
