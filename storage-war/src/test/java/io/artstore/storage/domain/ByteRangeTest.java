package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.artstore.storage.domain.ByteRange.Full;
import io.artstore.storage.domain.ByteRange.Partial;
import io.artstore.storage.domain.ByteRange.Unsatisfiable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // first-last
        "bytes=0-499|1000|0|499",
        "bytes=500-999|1000|500|999",
        "bytes=0-0|1000|0|0",
        "bytes=999-999|1000|999|999",
        "bytes=5-5|6|5|5",
        // last clamped to length - 1
        "bytes=500-1500|1000|500|999",
        "bytes=0-99999999999999999999999|1000|0|999",
        // first-
        "bytes=0-|1000|0|999",
        "bytes=999-|1000|999|999",
        "bytes=9500-|10000|9500|9999",
        // -suffix
        "bytes=-500|1000|500|999",
        "bytes=-1|1000|999|999",
        "bytes=-1000|1000|0|999",
        "bytes=-1001|1000|0|999",
        "bytes=-99999999999999999999999|1000|0|999",
        // length 1
        "bytes=0-0|1|0|0",
        "bytes=0-|1|0|0",
        "bytes=-1|1|0|0",
        "bytes=-5|1|0|0",
        "bytes=0-10|1|0|0",
        // blanks and case
        "  bytes=0-4  |10|0|4",
        "bytes = 0 - 4|10|0|4",
        "BYTES=0-4|10|0|4",
        "Bytes=\t-3|10|7|9",
        // empty list elements are no ranges
        "'bytes=0-4,'|10|0|4",
        "'bytes=, ,0-4, '|10|0|4",
      })
  void partial(String header, long length, long start, long end) {
    Partial p = assertInstanceOf(Partial.class, ByteRange.parse(header, length));
    assertEquals(new Partial(start, end, length), p);
    assertEquals("bytes " + start + "-" + end + "/" + length, p.contentRange());
    assertEquals(end - start + 1, p.contentLength());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bytes=1000-|1000",
        "bytes=1000-2000|1000",
        "bytes=5000-6000|1000",
        "bytes=1-|1",
        "bytes=-0|1000",
        "bytes=-000|1000",
        "bytes=0-0|0",
        "bytes=0-|0",
        "bytes=-1|0",
        "bytes=-0|0",
        "bytes=99999999999999999999999-|1000",
        "bytes=99999999999999999999999-99999999999999999999999|1000",
        "bytes=9223372036854775807-|9223372036854775807",
      })
  void unsatisfiable(String header, long length) {
    Unsatisfiable u = assertInstanceOf(Unsatisfiable.class, ByteRange.parse(header, length));
    assertEquals(length, u.completeLength());
    assertEquals("bytes */" + length, u.contentRange());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "bytes",
        "bytes=",
        "bytes= ",
        "bytes=,",
        "bytes=-",
        "bytes=5-3",
        "bytes=1-0",
        "bytes=a-b",
        "bytes=1-2-3",
        "bytes=--5",
        "bytes=-5-",
        "bytes=+1-2",
        "bytes=1.5-2",
        "bytes=0x10-20",
        "bytes=١-٢", // Arabic-Indic digits are not DIGIT
        "bytes=0-4,6-8",
        "bytes=0-4, 0-4",
        "bytes=-5,0-1",
        "items=0-4",
        "bytesx=0-4",
        "=0-4",
        "0-4",
        "bytes 0-4",
        "bytes=99999999999999999999999-1",
      })
  void ignoredMeansFull(String header) {
    assertInstanceOf(Full.class, ByteRange.parse(header, 1000));
  }

  @Test
  void absentMeansFull() {
    assertInstanceOf(Full.class, ByteRange.parse(null, 1000));
    assertInstanceOf(Full.class, ByteRange.parse(null, 0));
  }

  @Test
  void invalidSyntaxOnAnEmptyRepresentationIsStillFull() {
    assertInstanceOf(Full.class, ByteRange.parse("bytes=5-3", 0));
    assertInstanceOf(Full.class, ByteRange.parse("bytes=0-1,2-3", 0));
  }

  @Test
  void hugeRepresentation() {
    long max = Long.MAX_VALUE;
    assertEquals(new Partial(0, max - 1, max), ByteRange.parse("bytes=0-", max));
    assertEquals(new Partial(max - 10, max - 1, max), ByteRange.parse("bytes=-10", max));
    assertEquals(
        new Partial(0, max - 1, max), ByteRange.parse("bytes=-99999999999999999999999", max));
    assertEquals(new Partial(5, max - 1, max), ByteRange.parse("bytes=5-9223372036854775807", max));
  }

  @Test
  void negativeLengthIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> ByteRange.parse("bytes=0-1", -1));
  }

  @Test
  void partialRejectsImpossibleRanges() {
    assertThrows(IllegalArgumentException.class, () -> new Partial(-1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new Partial(5, 4, 10));
    assertThrows(IllegalArgumentException.class, () -> new Partial(0, 10, 10));
  }
}
