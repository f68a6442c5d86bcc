package io.artstore.ingester.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.artstore.ingester.domain.ElementChoice.Outcome;
import io.artstore.shared.discovery.DiscoveredElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementChoiceTest {
  static DiscoveredElement element(String id, String mode, String status, int priority, long free) {
    return new DiscoveredElement(
        "r-" + id,
        id,
        id,
        "http://" + id,
        mode,
        status,
        "local",
        priority,
        free * 2,
        free,
        free,
        0,
        null);
  }

  @Test
  void lowestPriorityFirstThenMostFreeSpace() {
    List<DiscoveredElement> all =
        List.of(
            element("e1", "edit", "online", 100, 500),
            element("e2", "edit", "online", 50, 100),
            element("e3", "edit", "online", 100, 900),
            element("r1", "rw", "online", 1, 10_000));
    ElementChoice choice = ElementChoice.of(all, Placement.TEMPORARY, 50);
    assertEquals(Outcome.CANDIDATES, choice.outcome());
    assertEquals(
        List.of("e2", "e3", "e1"),
        choice.candidates().stream().map(DiscoveredElement::elementId).toList());
    assertEquals(
        List.of("r1"),
        ElementChoice.of(all, Placement.PERMANENT, 50).candidates().stream()
            .map(DiscoveredElement::elementId)
            .toList());
  }

  @Test
  void elementsWithoutRoomAreLeftOut() {
    List<DiscoveredElement> all =
        List.of(
            element("small", "edit", "online", 1, 100), element("big", "edit", "online", 9, 1000));
    assertEquals(
        List.of("big"),
        ElementChoice.of(all, Placement.TEMPORARY, 500).candidates().stream()
            .map(DiscoveredElement::elementId)
            .toList());
    // Unknown size: every element with a byte free; the element itself says 507 if needed.
    assertEquals(2, ElementChoice.of(all, Placement.TEMPORARY, -1).candidates().size());
    assertEquals(Outcome.ALL_FULL, ElementChoice.of(all, Placement.TEMPORARY, 5000).outcome());
  }

  @Test
  void offlineAndReadOnlyElementsAreNoCandidates() {
    List<DiscoveredElement> all =
        List.of(
            element("off", "edit", "offline", 1, 1000),
            element("ro", "ro", "online", 1, 1000),
            element("ar", "ar", "online", 1, 1000));
    assertEquals(Outcome.NONE_AVAILABLE, ElementChoice.of(all, Placement.TEMPORARY, 1).outcome());
    assertEquals(Outcome.NONE_AVAILABLE, ElementChoice.of(all, Placement.PERMANENT, 1).outcome());
    assertEquals(
        Outcome.NONE_AVAILABLE, ElementChoice.of(List.of(), Placement.TEMPORARY, 1).outcome());
    assertEquals(
        Outcome.ALL_FULL,
        ElementChoice.of(List.of(element("full", "edit", "online", 1, 0)), Placement.TEMPORARY, -1)
            .outcome());
  }
}
