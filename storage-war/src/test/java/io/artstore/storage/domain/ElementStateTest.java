package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ElementStateTest {
  private static final Instant T = Instant.parse("2026-11-22T00:00:00Z");

  @Test
  void restartingWithTheSameSettingNeverUndoesAModeReachedByApi() {
    ElementState archived =
        ElementState.create("se-1", ElementMode.RW, T)
            .withMode(ElementMode.RO, T)
            .withMode(ElementMode.AR, T);
    assertFalse(archived.configurationMovesModeTo(ElementMode.RW));
  }

  @Test
  void changingTheSettingLeavesArchiveOrEdit() {
    ElementState archived =
        ElementState.create("se-1", ElementMode.RW, T)
            .withMode(ElementMode.RO, T)
            .withMode(ElementMode.AR, T);
    assertTrue(archived.configurationMovesModeTo(ElementMode.RO));
    ElementState edit = ElementState.create("se-2", ElementMode.EDIT, T);
    assertTrue(edit.configurationMovesModeTo(ElementMode.RW));
  }

  @Test
  void aChangedSettingNeverMovesAModeTheApiOwns() {
    ElementState closed =
        ElementState.create("se-1", ElementMode.RW, T).withMode(ElementMode.RO, T);
    assertFalse(closed.configurationMovesModeTo(ElementMode.EDIT));
    assertFalse(closed.configurationMovesModeTo(ElementMode.RW));
  }

  @Test
  void stateFilesWithoutTheRecordedSettingTreatTheModeAsConfigured() {
    ElementState old = new ElementState(1, "se-1", ElementMode.AR, T, T, null);
    assertFalse(old.configurationMovesModeTo(ElementMode.AR));
    assertTrue(old.configurationMovesModeTo(ElementMode.RO));
  }
}
