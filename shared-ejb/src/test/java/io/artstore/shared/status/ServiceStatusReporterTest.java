package io.artstore.shared.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.artstore.shared.health.DependencyState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceStatusReporterTest {

  @Test
  void upWhenAllUp() {
    assertEquals(
        "UP",
        ServiceStatusReporter.overall(
            List.of(
                DependencyState.up("database", true, 1), DependencyState.up("redis", false, 1))));
  }

  @Test
  void degradedWhenOnlyNonCriticalDown() {
    assertEquals(
        "DEGRADED",
        ServiceStatusReporter.overall(
            List.of(
                DependencyState.up("database", true, 1),
                DependencyState.down("redis", false, 1, "unreachable"))));
  }

  @Test
  void downWhenCriticalDown() {
    assertEquals(
        "DOWN",
        ServiceStatusReporter.overall(
            List.of(
                DependencyState.down("database", true, 1, "unreachable"),
                DependencyState.down("redis", false, 1, "unreachable"))));
  }
}
