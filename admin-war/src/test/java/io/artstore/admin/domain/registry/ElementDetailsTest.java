package io.artstore.admin.domain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDetailsTest {

  @Test
  void absentFieldsPass() {
    assertTrue(ElementDetails.check(null, null, null).isEmpty());
    assertTrue(ElementDetails.checkFilter(null, null, null).isEmpty());
  }

  @Test
  void badFieldsAreNamed() {
    List<ElementDetails.Violation> v = ElementDetails.check(" ", "x".repeat(2001), -1);
    assertEquals(
        List.of("name", "description", "priority"),
        v.stream().map(ElementDetails.Violation::field).toList());
    assertEquals(2, ElementDetails.check("x".repeat(201), null, 1_000_001).size());
  }

  @Test
  void filtersKnowTheirValues() {
    assertTrue(ElementDetails.checkFilter("rw", "offline", "s3").isEmpty());
    assertEquals(
        List.of("mode", "status", "storage_type"),
        ElementDetails.checkFilter("frozen", "asleep", "tape").stream()
            .map(ElementDetails.Violation::field)
            .toList());
  }
}
