package io.artstore.shared.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.resilience.CircuitBreaker.State;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

class PerElementBreakersTest {
  private static final String GAUGE = "artstore_test_element_breaker_state";

  private final List<Gauge> gauges = new ArrayList<>();
  private int failureThreshold = 3;
  private Duration openDuration = Duration.ofHours(1);
  private final PerElementBreakers breakers = breakers();

  @Test
  void oneBreakerPerElement() {
    CircuitBreaker a = breakers.of("se-a");
    assertSame(a, breakers.of("se-a"));
    assertNotSame(a, breakers.of("se-b"));
  }

  @Test
  void anOpenBreakerLeavesTheOtherElementsAlone() {
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      breakers.of("se-a").onFailure(now);
    }
    assertFalse(breakers.of("se-a").allowRequest(now));
    assertEquals(State.CLOSED, breakers.of("se-b").state(now));
    assertTrue(breakers.of("se-b").allowRequest(now));
  }

  @Test
  void eachBreakerTakesTheSettingsInForceWhenItsElementIsFirstSeen() {
    Instant now = Instant.now();
    breakers.of("se-a");
    failureThreshold = 1;
    breakers.of("se-a").onFailure(now);
    breakers.of("se-b").onFailure(now);
    assertEquals(State.CLOSED, breakers.of("se-a").state(now));
    assertEquals(State.OPEN, breakers.of("se-b").state(now));
  }

  @Test
  void oneGaugePerElementUnderTheGivenNameTaggedWithTheElement() {
    breakers.of("se-a");
    breakers.of("se-a");
    breakers.of("se-b");
    assertEquals(2, gauges.size());
    assertEquals(GAUGE, gauges.get(0).name());
    assertEquals(List.of(new Tag("element_id", "se-a")), gauges.get(0).tags());
    assertEquals(GAUGE, gauges.get(1).name());
    assertEquals(List.of(new Tag("element_id", "se-b")), gauges.get(1).tags());
  }

  @Test
  void theGaugeIsZeroWhenClosedOneWhenOpenTwoWhenHalfOpen() {
    CircuitBreaker open = breakers.of("se-open");
    CircuitBreaker closed = breakers.of("se-closed");
    // Open for no time at all: half-open as soon as it has opened.
    openDuration = Duration.ZERO;
    CircuitBreaker halfOpen = breakers.of("se-half-open");
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      open.onFailure(now);
      halfOpen.onFailure(now);
    }
    assertEquals(0, gauges.get(1).value(), "closed");
    assertEquals(1, gauges.get(0).value(), "open");
    assertEquals(2, gauges.get(2).value(), "half-open");
    closed.onFailure(now);
    assertEquals(0, gauges.get(1).value(), "closed below the threshold");
  }

  private PerElementBreakers breakers() {
    PerElementBreakers breakers =
        new PerElementBreakers(GAUGE) {
          @Override
          protected int failureThreshold() {
            return failureThreshold;
          }

          @Override
          protected Duration openDuration() {
            return openDuration;
          }
        };
    breakers.metrics = gaugeRecorder();
    return breakers;
  }

  /** A registry that only records {@code gauge(name, object, function, tags...)}. */
  @SuppressWarnings("unchecked")
  private MetricRegistry gaugeRecorder() {
    return (MetricRegistry)
        Proxy.newProxyInstance(
            MetricRegistry.class.getClassLoader(),
            new Class<?>[] {MetricRegistry.class},
            (proxy, method, args) -> {
              if (method.getName().equals("gauge")
                  && args.length == 4
                  && args[0] instanceof String name) {
                gauges.add(
                    new Gauge(
                        name,
                        args[1],
                        (Function<Object, Number>) args[2],
                        List.of((Tag[]) args[3])));
                return null;
              }
              // Any other registry call is one the class under test must not make: fail loudly.
              throw new UnsupportedOperationException(method.toString());
            });
  }

  private record Gauge(
      String name, Object object, Function<Object, Number> function, List<Tag> tags) {
    int value() {
      return function.apply(object).intValue();
    }
  }
}
