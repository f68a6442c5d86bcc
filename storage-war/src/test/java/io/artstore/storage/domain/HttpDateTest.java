package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {
  private static final Instant RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "  Sun, 06 Nov 1994 08:49:37 GMT ",
        "sun, 06 nov 1994 08:49:37 gmt",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Sun Nov 06 08:49:37 1994",
      })
  void parsesTheThreeFormsOfRfc9110(String text) {
    assertEquals(Optional.of(RFC_EXAMPLE), HttpDate.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT",
        "Sun, 06-Nov-94 08:49:37 GMT",
        "Sun Nov 6 08:49:37 1994",
        "Sun, 30 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:60 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT junk",
        "1994-11-06T08:49:37Z",
        "784111777",
      })
  void rejectsEverythingElse(String text) {
    assertEquals(Optional.empty(), HttpDate.parse(text));
  }

  @Test
  void nullIsNoDate() {
    assertEquals(Optional.empty(), HttpDate.parse(null));
  }

  @Test
  void formatsImfFixdateToTheSecond() {
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(RFC_EXAMPLE.plusMillis(999)));
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(Instant.EPOCH));
  }

  @Test
  void formatAndParseRoundTrip() {
    Instant t = Instant.parse("2026-11-22T02:03:04Z");
    assertEquals(Optional.of(t), HttpDate.parse(HttpDate.format(t)));
  }

  @ParameterizedTest
  @CsvSource({
    "94,2025,1994",
    "26,2025,2026",
    "75,2025,2075",
    "76,2025,1976",
    "00,2025,2000",
    "00,2099,2100",
    "49,2099,2149",
    "50,2099,2050",
  })
  void twoDigitYearsAreAtMostFiftyYearsAhead(int yy, int now, int year) {
    assertEquals(year, HttpDate.twoDigitYear(yy, now));
  }
}
