package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ElementModeTest {

  @Test
  void permissionTableOfSpec33() {
    assertEquals(EnumSet.allOf(Operation.class), ElementMode.EDIT.allowedOperations());
    assertEquals(
        EnumSet.of(Operation.UPLOAD, Operation.READ, Operation.DOWNLOAD, Operation.UPDATE_METADATA),
        ElementMode.RW.allowedOperations());
    assertEquals(
        EnumSet.of(Operation.READ, Operation.DOWNLOAD), ElementMode.RO.allowedOperations());
    assertEquals(EnumSet.of(Operation.READ), ElementMode.AR.allowedOperations());
    assertFalse(ElementMode.RW.allows(Operation.DELETE));
  }

  @ParameterizedTest
  @CsvSource({
    "RW,RO,true",
    "RO,AR,true",
    "RW,AR,false",
    "RO,RW,false",
    "AR,RO,false",
    "AR,RW,false",
    "EDIT,RW,false",
    "EDIT,RO,false",
    "EDIT,AR,false",
    "RW,EDIT,false",
    "RW,RW,false",
    "EDIT,EDIT,false"
  })
  void onlyForwardTransitionsByApi(ElementMode from, ElementMode to, boolean allowed) {
    assertEquals(allowed, from.canTransitionByApiTo(to));
  }

  @ParameterizedTest
  @CsvSource({
    "EDIT,RW,true",
    "AR,RO,true",
    "AR,EDIT,true",
    "RW,EDIT,false",
    "RO,RW,false",
    "RW,RO,false",
    "EDIT,EDIT,false"
  })
  void configurationOnlyLeavesEditOrArchive(
      ElementMode persisted, ElementMode configured, boolean allowed) {
    assertEquals(allowed, persisted.canBeChangedByConfigurationTo(configured));
  }

  @Test
  void parsesWireNames() {
    assertEquals(Optional.of(ElementMode.RO), ElementMode.parse(" RO "));
    assertEquals(Optional.empty(), ElementMode.parse("frozen"));
    assertEquals(Optional.empty(), ElementMode.parse(null));
    assertEquals("update_metadata", Operation.UPDATE_METADATA.wireName());
    assertTrue(ElementId.isValid("se-edit-1"));
    assertFalse(ElementId.isValid("../etc"));
    assertFalse(ElementId.isValid("SE1"));
  }
}
