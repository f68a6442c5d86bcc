package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

  @ParameterizedTest
  @CsvSource({
    "1024,1024",
    "1KB,1000",
    "1KiB,1024",
    "500MB,500000000",
    "10GiB,10737418240",
    "2 TB,2000000000000",
    "1.5GB,1500000000",
    "7b,7"
  })
  void parses(String text, long bytes) {
    assertEquals(bytes, ByteSize.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GB", "-1", "12XB", "1KI", "ten"})
  void refusesNonsense(String text) {
    assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
  }
}
