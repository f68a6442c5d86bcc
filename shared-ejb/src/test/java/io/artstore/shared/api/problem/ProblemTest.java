package io.artstore.shared.api.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void carriesStableCodeAndTypePerCode() {
    Problem p = Problem.of(ProblemCode.STORAGE_FULL, 507, "full", "/x", "rid", List.of());
    assertEquals("STORAGE_FULL", p.code());
    assertEquals("https://artstore.io/problems/storage-full", p.type());
    assertEquals("Storage full", p.title());
    assertEquals(507, p.status());
    assertEquals("rid", p.requestId());
    assertNull(p.errors(), "no errors array unless fields are named");
  }

  @Test
  void keepsFieldViolations() {
    Problem p =
        Problem.of(
            ProblemCode.VALIDATION_ERROR,
            400,
            "bad",
            null,
            null,
            List.of(new FieldViolation("limit", "too big")));
    assertEquals(List.of(new FieldViolation("limit", "too big")), p.errors());
  }

  @Test
  void mapsStatusesToCodes() {
    assertEquals(ProblemCode.NOT_FOUND, ProblemCode.forStatus(404));
    assertEquals(ProblemCode.METHOD_NOT_ALLOWED, ProblemCode.forStatus(405));
    assertEquals(ProblemCode.UNSUPPORTED_MEDIA_TYPE, ProblemCode.forStatus(415));
    assertEquals(ProblemCode.INTERNAL_ERROR, ProblemCode.forStatus(500));
    assertEquals(ProblemCode.INTERNAL_ERROR, ProblemCode.forStatus(599));
    assertEquals(ProblemCode.BAD_REQUEST, ProblemCode.forStatus(418));
  }

  @Test
  void snakeCasesFieldNames() {
    assertEquals("target_mode", SnakeCase.of("targetMode"));
    assertEquals("api_url", SnakeCase.of("apiUrl"));
    assertEquals("limit", SnakeCase.of("limit"));
  }
}
