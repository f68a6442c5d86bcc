package io.artstore.storage.domain;

import static io.artstore.storage.domain.Conditionals.Outcome.NOT_MODIFIED;
import static io.artstore.storage.domain.Conditionals.Outcome.PROCEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.Conditionals.EntityTag;
import io.artstore.storage.domain.Conditionals.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionalsTest {
  private static final String ETAG = "\"abc123\"";

  /** Last-Modified with a sub-second part, as file systems report it. */
  private static final Instant MODIFIED = Instant.parse("2026-11-22T02:03:04.567Z");

  private static final String AT_MODIFIED = "Sun, 22 Nov 2026 02:03:04 GMT";
  private static final String BEFORE = "Sun, 22 Nov 2026 02:03:03 GMT";
  private static final String AFTER = "Sun, 22 Nov 2026 02:03:05 GMT";

  // ---- If-None-Match / If-Modified-Since (GET, HEAD) ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"abc123\"",
        "W/\"abc123\"",
        "*",
        " * ",
        "\"x\", \"abc123\"",
        "\"x\",W/\"abc123\"",
        "  \"x\" ,\t\"abc123\"  ",
        ", \"abc123\",",
      })
  void ifNoneMatchThatMatchesWeaklyGives304(String ifNoneMatch) {
    assertEquals(NOT_MODIFIED, Conditionals.evaluate(ifNoneMatch, null, ETAG, MODIFIED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"abc\"", "\"ABC123\"", "W/\"x\"", "\"x\", \"y\"", "\"abc123 \""})
  void ifNoneMatchWithoutMatchProceeds(String ifNoneMatch) {
    assertEquals(PROCEED, Conditionals.evaluate(ifNoneMatch, null, ETAG, MODIFIED));
  }

  @Test
  void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
    // not matching tag + a date that alone would give 304: If-Modified-Since is not looked at
    assertEquals(PROCEED, Conditionals.evaluate("\"other\"", AFTER, ETAG, MODIFIED));
    // matching tag + a date that alone would proceed
    assertEquals(NOT_MODIFIED, Conditionals.evaluate(ETAG, BEFORE, ETAG, MODIFIED));
  }

  @Test
  void weakCurrentTagMatchesToo() {
    assertEquals(NOT_MODIFIED, Conditionals.evaluate("\"v1\"", null, "W/\"v1\"", MODIFIED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc123", "\"abc123", "\"abc123\"x", "W/abc", "w/\"abc123\"", "**", "\"a\" \"b\""})
  void malformedIfNoneMatchIsIgnored(String ifNoneMatch) {
    assertEquals(PROCEED, Conditionals.evaluate(ifNoneMatch, null, ETAG, MODIFIED));
    // ignored as if absent, so If-Modified-Since applies
    assertEquals(NOT_MODIFIED, Conditionals.evaluate(ifNoneMatch, AFTER, ETAG, MODIFIED));
  }

  @Test
  void blankIfNoneMatchIsAbsent() {
    assertEquals(NOT_MODIFIED, Conditionals.evaluate("  ", AT_MODIFIED, ETAG, MODIFIED));
    assertEquals(NOT_MODIFIED, Conditionals.evaluate("", AT_MODIFIED, ETAG, MODIFIED));
  }

  @Test
  void ifModifiedSinceWithSecondPrecision() {
    assertEquals(NOT_MODIFIED, Conditionals.evaluate(null, AT_MODIFIED, ETAG, MODIFIED));
    assertEquals(NOT_MODIFIED, Conditionals.evaluate(null, AFTER, ETAG, MODIFIED));
    assertEquals(PROCEED, Conditionals.evaluate(null, BEFORE, ETAG, MODIFIED));
  }

  @Test
  void ifModifiedSinceInObsoleteFormats() {
    assertEquals(
        NOT_MODIFIED,
        Conditionals.evaluate(null, "Sunday, 22-Nov-26 02:03:04 GMT", ETAG, MODIFIED));
    assertEquals(
        NOT_MODIFIED, Conditionals.evaluate(null, "Sun Nov 22 02:03:04 2026", ETAG, MODIFIED));
    assertEquals(PROCEED, Conditionals.evaluate(null, "Sun Nov 22 02:03:03 2026", ETAG, MODIFIED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yesterday",
        "2026-11-22T02:03:04Z",
        "Sun, 22 Nov 2026 02:03:04 +0000",
        "Sun, 22 Nov 2026 02:03:04 CET",
        "Sun, 31 Feb 2026 02:03:04 GMT",
        "Sun, 22 Nov 2026 25:03:04 GMT",
        "Sun, 2 Nov 2026 02:03:04 GMT",
        "Sun, 22 Foo 2026 02:03:04 GMT",
        "",
      })
  void invalidIfModifiedSinceIsIgnored(String date) {
    assertEquals(PROCEED, Conditionals.evaluate(null, date, ETAG, MODIFIED));
  }

  @Test
  void ifModifiedSinceWithoutLastModifiedIsIgnored() {
    assertEquals(PROCEED, Conditionals.evaluate(null, AFTER, ETAG, null));
  }

  @Test
  void nothingGivenProceeds() {
    assertEquals(PROCEED, Conditionals.evaluate(null, null, ETAG, MODIFIED));
    assertEquals(PROCEED, Conditionals.evaluate(null, null, null, null));
  }

  @Test
  void unknownCurrentTagMatchesOnlyStar() {
    assertEquals(PROCEED, Conditionals.evaluate(ETAG, null, null, MODIFIED));
    assertEquals(NOT_MODIFIED, Conditionals.evaluate("*", null, null, MODIFIED));
  }

  @Test
  void contentEtagOfFileAttributesIsAcceptedAsIs() {
    String sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    String etag = "\"" + sha + "\"";
    assertEquals(Outcome.NOT_MODIFIED, Conditionals.evaluate(etag, null, etag, MODIFIED));
    assertTrue(Conditionals.rangeApplies(etag, etag, MODIFIED));
  }

  // ---- If-Range ----

  @Test
  void absentIfRangeLetsTheRangeApply() {
    assertTrue(Conditionals.rangeApplies(null, ETAG, MODIFIED));
    assertTrue(Conditionals.rangeApplies(" ", ETAG, MODIFIED));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"abc123\"'|true",
        "' \"abc123\" '|true",
        "'W/\"abc123\"'|false",
        "'\"abc\"'|false",
        "'\"abc123\", \"x\"'|false",
        "'*'|false",
        "'abc123'|false",
        "'\"abc123'|false",
      })
  void ifRangeWithAnEntityTagNeedsAStrongMatch(String ifRange, boolean applies) {
    assertEquals(applies, Conditionals.rangeApplies(ifRange, ETAG, MODIFIED));
  }

  @Test
  void ifRangeNeverMatchesAWeakCurrentTag() {
    assertFalse(Conditionals.rangeApplies("\"v1\"", "W/\"v1\"", MODIFIED));
    assertFalse(Conditionals.rangeApplies("\"v1\"", null, MODIFIED));
  }

  @Test
  void ifRangeWithADateNeedsExactlyLastModified() {
    assertTrue(Conditionals.rangeApplies(AT_MODIFIED, ETAG, MODIFIED));
    assertTrue(Conditionals.rangeApplies("Sun Nov 22 02:03:04 2026", ETAG, MODIFIED));
    assertFalse(Conditionals.rangeApplies(BEFORE, ETAG, MODIFIED));
    assertFalse(Conditionals.rangeApplies(AFTER, ETAG, MODIFIED));
    assertFalse(Conditionals.rangeApplies(AT_MODIFIED, ETAG, null));
    assertFalse(Conditionals.rangeApplies("not a date", ETAG, MODIFIED));
  }

  // ---- If-Match (PATCH) ----

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"v3\"'|true",
        "'\"v1\", \"v3\"'|true",
        "'\"v1\",\"v2\"'|false",
        "'*'|true",
        "'W/\"v3\"'|false",
        "'\"V3\"'|false",
        "'v3'|false",
        "'\"v3'|false",
        "'\"v3\" junk'|false",
      })
  void ifMatchUsesStrongComparison(String ifMatch, boolean satisfied) {
    assertEquals(satisfied, Conditionals.ifMatchSatisfied(ifMatch, "\"v3\""));
  }

  @Test
  void absentIfMatchIsSatisfied() {
    assertTrue(Conditionals.ifMatchSatisfied(null, "\"v3\""));
    assertTrue(Conditionals.ifMatchSatisfied("", "\"v3\""));
  }

  @Test
  void ifMatchAgainstAWeakOrMissingCurrentTag() {
    assertFalse(Conditionals.ifMatchSatisfied("\"v3\"", "W/\"v3\""));
    assertFalse(Conditionals.ifMatchSatisfied("\"v3\"", null));
    assertFalse(Conditionals.ifMatchSatisfied("*", null));
  }

  @Test
  void metadataEtagFormatOfFileAttributes() {
    // FileAttributes.metadataEtag() is "\"v" + version + "\""
    assertTrue(Conditionals.ifMatchSatisfied("\"v7\"", "\"v7\""));
    assertFalse(Conditionals.ifMatchSatisfied("\"v7\"", "\"v8\""));
  }

  // ---- entity-tag parsing ----

  @Test
  void parsesTags() {
    assertEquals(Optional.of(new EntityTag("\"x\"", false)), Conditionals.parseTag("\"x\""));
    assertEquals(Optional.of(new EntityTag("\"x\"", true)), Conditionals.parseTag(" W/\"x\" "));
    assertEquals(Optional.of(new EntityTag("\"\"", false)), Conditionals.parseTag("\"\""));
    assertEquals(Optional.empty(), Conditionals.parseTag("\"a\", \"b\""));
    assertEquals(Optional.empty(), Conditionals.parseTag("*"));
    assertEquals(Optional.empty(), Conditionals.parseTag("\"a b\""));
    assertEquals(Optional.empty(), Conditionals.parseTag("\"a\r\n\""));
    assertEquals(Optional.empty(), Conditionals.parseTag(null));
    assertEquals(
        List.of(new EntityTag("\"a\"", false), new EntityTag("\"b\"", true)),
        Conditionals.parseList("\"a\",W/\"b\"").orElseThrow().tags());
  }
}
