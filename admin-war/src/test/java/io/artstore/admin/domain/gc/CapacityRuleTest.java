package io.artstore.admin.domain.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.artstore.admin.domain.gc.CapacityRule.Transition;
import org.junit.jupiter.api.Test;

class CapacityRuleTest {
  @Test
  void percentUsedIsBoundedAndZeroWithoutCapacity() {
    assertEquals(0, CapacityRule.percentUsed(0, 100));
    assertEquals(50.0, CapacityRule.percentUsed(200, 100));
    assertEquals(100.0, CapacityRule.percentUsed(100, 150));
    assertEquals(0, CapacityRule.percentUsed(100, -1));
  }

  @Test
  void oneWarningPerCrossing() {
    assertEquals(Transition.NONE, CapacityRule.transition(84.9, 85, false));
    assertEquals(Transition.RAISE, CapacityRule.transition(85, 85, false));
    assertEquals(Transition.NONE, CapacityRule.transition(97, 85, true), "still above: once");
    assertEquals(Transition.CLEAR, CapacityRule.transition(80, 85, true));
    assertEquals(Transition.RAISE, CapacityRule.transition(90, 85, false), "risen again");
  }
}
