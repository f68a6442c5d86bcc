package io.artstore.shared.discovery;

import java.time.Instant;
import java.util.List;

final class DiscoveryTestData {
  private DiscoveryTestData() {}

  static DiscoveredElement element(
      String elementId, String mode, String status, int priority, long available) {
    return new DiscoveredElement(
        "00000000-0000-0000-0000-0000000000" + elementId.length() + elementId.hashCode() % 10,
        elementId,
        elementId,
        "http://localhost:8010",
        mode,
        status,
        "local",
        priority,
        1000,
        1000 - available,
        available,
        3,
        Instant.parse("2026-01-02T03:04:05Z"));
  }

  static DiscoverySnapshot snapshot(long version, DiscoveredElement... elements) {
    return new DiscoverySnapshot(
        version, Instant.parse("2026-01-02T03:04:05Z").plusSeconds(version), List.of(elements));
  }
}
