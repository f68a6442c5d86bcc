package io.artstore.shared.api.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

  @ParameterizedTest
  @ValueSource(strings = {"abc", "req-1", "0b7c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e", "trace:span/1=x"})
  void keepsSafeIds(String id) {
    assertEquals(id, RequestIds.acceptOrGenerate(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a b", "line\nbreak", "x\r\nSet-Cookie: a=b", "<script>", "ü"})
  void replacesUnsafeIds(String id) {
    String accepted = RequestIds.acceptOrGenerate(id);
    assertNotEquals(id, accepted);
    UUID.fromString(accepted);
  }

  @Test
  void refusesOverlongIds() {
    String longId = "a".repeat(129);
    assertNotEquals(longId, RequestIds.acceptOrGenerate(longId));
    assertTrue(RequestIds.isAcceptable("a".repeat(128)));
  }

  @Test
  void generatesWhenAbsent() {
    UUID.fromString(RequestIds.acceptOrGenerate(null));
  }
}
