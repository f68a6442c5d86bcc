package io.artstore.query.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.query.domain.SearchCriteria;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every statement binds exactly as many values as it has placeholders, in a readable order. */
class SearchStatementsTest {
  private static SearchCriteria criteria(String query, String mode, String sortBy) {
    return SearchCriteria.parse(
        new SearchCriteria.Input(
            query,
            mode,
            "rep",
            "pdf",
            "image/*",
            List.of("a", "b"),
            "alice",
            "temporary",
            "active",
            "se-1",
            1L,
            99L,
            "2026-01-01T00:00:00Z",
            "2027-01-01T00:00:00Z",
            "2027-06-01T00:00:00Z",
            Map.of("k", "v"),
            sortBy,
            null,
            10,
            20L));
  }

  private static long placeholders(String sql) {
    return sql.chars().filter(ch -> ch == '?').count();
  }

  @Test
  void fullTextBindsTheQueryForTheMatchAndTheSnippet() {
    SearchRepository.Statements s =
        SearchRepository.statements(criteria("Квартальный отчёт", null, null));
    assertEquals(placeholders(s.pageSql()), s.pageParameters().size());
    assertEquals(placeholders(s.countSql()), s.countParameters().size());
    assertEquals("квартальный отчёт", s.pageParameters().get(0), "lower-cased in Java");
    assertEquals("квартальный отчёт", s.pageParameters().get(s.pageParameters().size() - 1));
    assertTrue(s.pageSql().contains("ts_headline"));
    assertTrue(s.pageSql().contains("ORDER BY score DESC"));
    assertFalse(s.countSql().contains("ts_headline"));
  }

  @Test
  void partialAndExact() {
    SearchRepository.Statements partial =
        SearchRepository.statements(criteria("_Rep", "partial", "relevance"));
    assertEquals(placeholders(partial.pageSql()), partial.pageParameters().size());
    assertEquals(placeholders(partial.countSql()), partial.countParameters().size());
    assertTrue(partial.pageParameters().contains("%\\_rep%"));
    SearchRepository.statements(criteria("x", "exact", null));
    SearchRepository.Statements exact =
        SearchRepository.statements(criteria("Name.PDF", "exact", null));
    assertEquals(placeholders(exact.pageSql()), exact.pageParameters().size());
    assertTrue(exact.pageParameters().containsAll(List.of("name.pdf", "Name.PDF")));
    assertFalse(exact.pageSql().contains("ts_headline"));
  }

  @Test
  void filtersOnly() {
    SearchRepository.Statements s = SearchRepository.statements(criteria(null, null, "size"));
    assertEquals(placeholders(s.pageSql()), s.pageParameters().size());
    assertEquals(placeholders(s.countSql()), s.countParameters().size());
    assertEquals(10, s.pageParameters().get(s.pageParameters().size() - 2));
    assertEquals(20L, s.pageParameters().get(s.pageParameters().size() - 1));
    assertTrue(s.pageSql().contains("f.size_bytes DESC"));
  }
}
