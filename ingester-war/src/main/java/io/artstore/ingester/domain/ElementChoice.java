package io.artstore.ingester.domain;

import io.artstore.shared.discovery.DiscoveredElement;
import java.util.Comparator;
import java.util.List;

/**
 * The candidates for a new file (SPEC §5.1): online elements in the placement's mode with room for
 * it, lowest priority first, then most free space. Also says why there are none, because that
 * decides the answer: 507 when elements exist but none has room, 503 when none is available.
 */
public record ElementChoice(List<DiscoveredElement> candidates, Outcome outcome) {
  public enum Outcome {
    /** At least one candidate. */
    CANDIDATES,
    /** Elements of the mode are online, but none has room for the file. */
    ALL_FULL,
    /** No online element of the mode. */
    NONE_AVAILABLE
  }

  static final Comparator<DiscoveredElement> ORDER =
      Comparator.comparingInt(DiscoveredElement::priority)
          .thenComparing(
              Comparator.comparingLong(DiscoveredElement::capacityAvailableBytes).reversed())
          .thenComparing(DiscoveredElement::elementId);

  /**
   * @param elements every element discovery knows
   * @param sizeHint the most bytes the file can have (the request's length), or -1 when unknown
   */
  public static ElementChoice of(
      List<DiscoveredElement> elements, Placement placement, long sizeHint) {
    List<DiscoveredElement> online =
        elements.stream()
            .filter(DiscoveredElement::writable)
            .filter(e -> placement.mode().equals(e.mode()))
            .toList();
    if (online.isEmpty()) {
      return new ElementChoice(List.of(), Outcome.NONE_AVAILABLE);
    }
    List<DiscoveredElement> withRoom =
        online.stream().filter(e -> hasRoom(e, sizeHint)).sorted(ORDER).toList();
    if (withRoom.isEmpty()) {
      return new ElementChoice(List.of(), Outcome.ALL_FULL);
    }
    return new ElementChoice(withRoom, Outcome.CANDIDATES);
  }

  /**
   * Room as the element last reported it. With an unknown size any element with a byte free
   * qualifies; the element itself refuses (507) when the bytes do not fit.
   */
  static boolean hasRoom(DiscoveredElement element, long sizeHint) {
    long free = element.capacityAvailableBytes();
    return sizeHint < 0 ? free > 0 : free >= sizeHint;
  }
}
