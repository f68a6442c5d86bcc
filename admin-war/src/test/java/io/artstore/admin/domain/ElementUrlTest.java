package io.artstore.admin.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ElementUrlTest {

  @ParameterizedTest
  @CsvSource({
    "http://localhost:8010,http://localhost:8010",
    "http://localhost:8010/,http://localhost:8010",
    "HTTPS://se.example.com/artstore//,https://se.example.com/artstore",
    "  http://10.0.0.5:8011  ,http://10.0.0.5:8011"
  })
  void normalises(String raw, String expected) {
    assertEquals(expected, ElementUrl.parse(raw).orElseThrow().toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "localhost:8010",
        "ftp://host",
        "file:///etc/passwd",
        "http://user:pw@host:8010",
        "http://host:8010?x=1",
        "http://host:8010#frag",
        "http://",
        "not a url"
      })
  void refuses(String raw) {
    assertTrue(ElementUrl.parse(raw).isEmpty(), raw);
  }
}
