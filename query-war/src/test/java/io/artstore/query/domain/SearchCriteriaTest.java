package io.artstore.query.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {
  private static SearchCriteria.Input input(
      String query, String mode, String sortBy, String sortOrder, Integer limit, Long offset) {
    return new SearchCriteria.Input(
        query, mode, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, sortBy, sortOrder, limit, offset);
  }

  private static List<String> fields(SearchCriteria.Input in) {
    return assertThrows(SearchCriteria.InvalidSearch.class, () -> SearchCriteria.parse(in))
        .violations()
        .stream()
        .map(SearchCriteria.Violation::field)
        .toList();
  }

  @Test
  void defaults() {
    SearchCriteria c = SearchCriteria.parse(input(null, null, null, null, null, null));
    assertEquals(SearchCriteria.Mode.FULLTEXT, c.mode());
    assertEquals("active", c.status());
    assertEquals(SearchCriteria.SortBy.CREATED_AT, c.sortBy());
    assertFalse(c.ascending());
    assertEquals(100, c.limit());
    assertEquals(0, c.offset());
    assertFalse(c.ranked());
  }

  @Test
  void aFullTextQueryIsRankedByRelevanceByDefault() {
    SearchCriteria c = SearchCriteria.parse(input("  report ", null, null, null, 10, 5L));
    assertEquals("report", c.query());
    assertTrue(c.ranked());
    assertEquals(SearchCriteria.SortBy.RELEVANCE, c.sortBy());
    assertFalse(c.ascending());
  }

  @Test
  void filenamesSortAscendingByDefault() {
    assertTrue(SearchCriteria.parse(input(null, null, "filename", null, null, null)).ascending());
    assertFalse(
        SearchCriteria.parse(input(null, null, "filename", "desc", null, null)).ascending());
  }

  @Test
  void partialAndExactNeedAQueryAndAreNotRanked() {
    assertEquals(List.of("query"), fields(input(null, "partial", null, null, null, null)));
    assertEquals(List.of("query"), fields(input(" ", "exact", null, null, null, null)));
    SearchCriteria partial = SearchCriteria.parse(input("rep", "partial", null, null, null, null));
    assertFalse(partial.ranked());
    assertEquals(SearchCriteria.SortBy.CREATED_AT, partial.sortBy());
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    SearchCriteria.Input in =
        new SearchCriteria.Input(
            "x".repeat(1001),
            "fuzzy",
            null,
            null,
            null,
            List.of(""),
            null,
            "forever",
            "gone",
            null,
            -1L,
            -2L,
            "2026-02-01T00:00:00Z",
            "2026-01-01T00:00:00Z",
            "soon",
            Map.of(" ", "v"),
            "owner",
            "up",
            0,
            -1L);
    assertEquals(
        List.of(
            "query",
            "mode",
            "retention_policy",
            "status",
            "min_size",
            "max_size",
            "expires_before",
            "created_after",
            "tags",
            "metadata",
            "sort_by",
            "sort_order",
            "limit",
            "offset"),
        fields(in));
  }

  @Test
  void rangesMustBeOrdered() {
    SearchCriteria.Input sizes =
        new SearchCriteria.Input(
            null, null, null, null, null, null, null, null, null, null, 10L, 5L, null, null, null,
            null, null, null, null, null);
    assertEquals(List.of("min_size"), fields(sizes));
    SearchCriteria.Input equal =
        new SearchCriteria.Input(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            5L,
            5L,
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00+00:00",
            null,
            null,
            null,
            null,
            null,
            null);
    SearchCriteria c = SearchCriteria.parse(equal);
    assertEquals(c.createdAfter(), c.createdBefore());
  }

  @Test
  void relevanceNeedsAQuery() {
    assertEquals(List.of("sort_by"), fields(input(null, null, "relevance", null, null, null)));
  }

  @Test
  void limitBoundsAreInclusive() {
    assertEquals(1, SearchCriteria.parse(input(null, null, null, null, 1, null)).limit());
    assertEquals(1000, SearchCriteria.parse(input(null, null, null, null, 1000, null)).limit());
    assertEquals(List.of("limit"), fields(input(null, null, null, null, 1001, null)));
  }

  @Test
  void extensionsAreNormalised() {
    SearchCriteria c =
        SearchCriteria.parse(
            new SearchCriteria.Input(
                null, null, null, ".PDF", null, null, null, null, "any", null, null, null, null,
                null, null, null, null, null, null, null));
    assertEquals("pdf", c.extension());
    assertEquals("any", c.status());
  }
}
