package io.artstore.shared.api.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

  @Test
  void defaultsWhenAbsent() {
    PageRequest page = PageRequest.parse(null, " ");
    assertEquals(100, page.limit());
    assertEquals(0, page.offset());
  }

  @ParameterizedTest
  @CsvSource({"1,0", "1000,0", "50,999999999999"})
  void acceptsBounds(String limit, String offset) {
    PageRequest page = PageRequest.parse(limit, offset);
    assertEquals(Integer.parseInt(limit), page.limit());
    assertEquals(Long.parseLong(offset), page.offset());
  }

  @ParameterizedTest
  @CsvSource({"0,limit", "1001,limit", "-5,limit", "abc,limit", "2147483648,limit"})
  void refusesBadLimitNamingTheField(String limit, String field) {
    ApiException e = assertThrows(ApiException.class, () -> PageRequest.parse(limit, "0"));
    assertEquals(ProblemCode.VALIDATION_ERROR, e.code());
    assertEquals(400, e.status());
    assertEquals(List.of(field), e.violations().stream().map(FieldViolation::field).toList());
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    ApiException e = assertThrows(ApiException.class, () -> PageRequest.parse("0", "-1"));
    assertEquals(
        List.of("limit", "offset"), e.violations().stream().map(FieldViolation::field).toList());
  }

  @Test
  void pageComputesHasMore() {
    PageRequest request = PageRequest.parse("2", "0");
    assertTrue(Page.of(List.of("a", "b"), 3, request).hasMore());
    assertFalse(Page.of(List.of("a", "b"), 2, request).hasMore());
    assertFalse(Page.of(List.of(), 0, request).hasMore());
    Page<String> last = Page.of(List.of("c"), 3, PageRequest.parse("2", "2"));
    assertFalse(last.hasMore());
    assertEquals(2, last.offset());
  }
}
