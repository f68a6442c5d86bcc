package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionTest {

  @Test
  void parsesTheThreeWireNamesCaseInsensitively() {
    assertEquals(Optional.of(Compression.NONE), Compression.parse("none"));
    assertEquals(Optional.of(Compression.GZIP), Compression.parse(" GZip "));
    assertEquals(Optional.of(Compression.ZSTD), Compression.parse("zstd"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "br", "deflate", "x-gzip", "gzip,zstd", "zst"})
  void refusesAnythingElse(String value) {
    assertEquals(Optional.empty(), Compression.parse(value));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "gzip                       | gzip | true",
        "GZIP                       | gzip | true",
        "x-gzip                     | gzip | true",
        "br, gzip;q=0.5             | gzip | true",
        "gzip;q=0                   | gzip | false",
        "gzip; q=0.000              | gzip | false",
        "*                          | gzip | true",
        "*;q=0                      | gzip | false",
        "*, gzip;q=0                | gzip | false",
        "gzip;q=0.1, *;q=0          | gzip | true",
        "identity                   | gzip | false",
        "deflate, br                | gzip | false",
        "zstd                       | zstd | true",
        "gzip, deflate, br, zstd    | zstd | true",
        "gzip                       | zstd | false",
        "zstd;q=1.0                 | zstd | true",
        "zstd;q=abc                 | zstd | false",
        "' , ,'                     | zstd | false"
      })
  void acceptEncodingDecidesWhetherTheStoredCodingMaySeeTheClient(
      String header, String coding, boolean accepted) {
    assertEquals(accepted, Compression.parse(coding).orElseThrow().acceptedBy(header), header);
  }

  @Test
  void noHeaderAcceptsNoCodingAndNoneIsNeverAContentCoding() {
    assertFalse(Compression.GZIP.acceptedBy(null));
    assertFalse(Compression.ZSTD.acceptedBy(""));
    assertFalse(Compression.NONE.acceptedBy("*"));
    assertTrue(Compression.GZIP.acceptedBy("gzip"));
  }
}
