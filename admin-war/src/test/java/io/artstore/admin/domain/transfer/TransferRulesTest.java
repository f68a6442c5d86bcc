package io.artstore.admin.domain.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransferRulesTest {
  private static String code(java.util.Optional<TransferRules.Refusal> refusal) {
    return refusal.map(TransferRules.Refusal::code).orElse("ok");
  }

  @Test
  void temporaryFilesGoToEditElementsAndPermanentOnesToRwElements() {
    assertEquals(
        "ok", code(TransferRules.mayTransfer("active", "temporary", "a", "b", "edit", true)));
    assertEquals(
        "ok", code(TransferRules.mayTransfer("active", "permanent", "a", "b", "rw", true)));
    for (String mode : List.of("rw", "ro", "ar")) {
      assertEquals(
          "MODE_NOT_ALLOWED",
          code(TransferRules.mayTransfer("active", "temporary", "a", "b", mode, true)),
          mode);
    }
    for (String mode : List.of("edit", "ro", "ar")) {
      assertEquals(
          "MODE_NOT_ALLOWED",
          code(TransferRules.mayTransfer("active", "permanent", "a", "b", mode, true)),
          mode);
    }
  }

  @Test
  void onlyActiveFilesMoveToAnotherOnlineElement() {
    assertEquals(
        "CONFLICT", code(TransferRules.mayTransfer("deleted", "permanent", "a", "b", "rw", true)));
    assertEquals(
        "CONFLICT", code(TransferRules.mayTransfer("active", "permanent", "a", "a", "rw", true)));
    assertEquals(
        "SE_UNAVAILABLE",
        code(TransferRules.mayTransfer("active", "permanent", "a", "b", "rw", false)));
  }

  @Test
  void finalizeTakesActiveTemporaryFilesOnEditElements() {
    assertEquals("ok", code(TransferRules.mayFinalize("active", "temporary", "edit")));
    assertEquals("CONFLICT", code(TransferRules.mayFinalize("active", "permanent", "edit")));
    assertEquals("CONFLICT", code(TransferRules.mayFinalize("expired", "temporary", "edit")));
    assertEquals("MODE_NOT_ALLOWED", code(TransferRules.mayFinalize("active", "temporary", "rw")));
  }

  @Test
  void aTransferIsRunningUntilEveryItemFinishedAndThenSaysHowItWent() {
    assertEquals(
        TransferState.RUNNING, TransferState.of(List.of(ItemState.COMMITTED, ItemState.STAGING)));
    assertEquals(
        TransferState.RUNNING, TransferState.of(List.of(ItemState.PENDING, ItemState.FAILED)));
    assertEquals(
        TransferState.COMPLETED,
        TransferState.of(List.of(ItemState.COMMITTED, ItemState.COMMITTED)));
    assertEquals(
        TransferState.PARTIALLY_COMPLETED,
        TransferState.of(List.of(ItemState.COMMITTED, ItemState.ROLLED_BACK)));
    assertEquals(
        TransferState.FAILED, TransferState.of(List.of(ItemState.FAILED, ItemState.ROLLED_BACK)));
    assertTrue(ItemState.parse("rolled_back").orElseThrow().finished());
  }
}
