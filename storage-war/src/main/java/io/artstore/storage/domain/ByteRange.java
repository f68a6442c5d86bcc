package io.artstore.storage.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header (RFC 9110 §14) asks of a representation of known length. Only a
 * single {@code bytes} range is served; anything else the server may ignore is ignored, which means
 * answering the whole representation with 200.
 */
public sealed interface ByteRange {

  /** 200 with the whole representation: no Range, or one that is ignored. */
  record Full() implements ByteRange {}

  /** 206 with bytes {@code start..endInclusive} of a representation of {@code completeLength}. */
  record Partial(long start, long endInclusive, long completeLength) implements ByteRange {
    public Partial {
      if (start < 0 || endInclusive < start || endInclusive >= completeLength) {
        throw new IllegalArgumentException(
            "Not a range of " + completeLength + ": " + start + "-" + endInclusive);
      }
    }

    /** {@code bytes 0-499/1234} */
    public String contentRange() {
      return "bytes " + start + "-" + endInclusive + "/" + completeLength;
    }

    public long contentLength() {
      return endInclusive - start + 1;
    }
  }

  /** 416: the range is valid but selects nothing of the representation. */
  record Unsatisfiable(long completeLength) implements ByteRange {
    /** {@code "bytes *" + "/" + completeLength}, as a 416 response carries it. */
    public String contentRange() {
      return "bytes */" + completeLength;
    }
  }

  /**
   * Evaluates {@code Range} for a representation of {@code length} bytes.
   *
   * @param header the field value, or null when absent
   */
  static ByteRange parse(String header, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length " + length);
    }
    if (header == null) {
      return new Full();
    }
    int eq = header.indexOf('=');
    if (eq < 0 || !header.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
      return new Full(); // no unit, or a unit we do not know
    }
    List<String> specs = new ArrayList<>();
    for (String element : header.substring(eq + 1).split(",", -1)) {
      if (!element.isBlank()) { // empty list elements are allowed (RFC 9110 §5.6.1)
        specs.add(element.strip());
      }
    }
    if (specs.size() != 1) {
      return new Full(); // none, or several ranges: ignored
    }
    Matcher m = RangeSyntax.SPEC.matcher(specs.get(0));
    if (!m.matches()) {
      return new Full();
    }
    String first = m.group(1);
    String last = m.group(2);
    BigInteger len = BigInteger.valueOf(length);
    if (first.isEmpty()) {
      if (last.isEmpty()) {
        return new Full(); // "-"
      }
      BigInteger suffix = new BigInteger(last);
      if (suffix.signum() == 0 || length == 0) {
        return new Unsatisfiable(length);
      }
      long n = suffix.min(len).longValueExact();
      return new Partial(length - n, length - 1, length);
    }
    BigInteger start = new BigInteger(first);
    if (!last.isEmpty() && new BigInteger(last).compareTo(start) < 0) {
      return new Full(); // last-pos < first-pos: invalid, ignored
    }
    if (start.compareTo(len) >= 0) {
      return new Unsatisfiable(length);
    }
    BigInteger end = last.isEmpty() ? len.subtract(BigInteger.ONE) : new BigInteger(last);
    end = end.min(len.subtract(BigInteger.ONE));
    return new Partial(start.longValueExact(), end.longValueExact(), length);
  }
}

final class RangeSyntax {
  /** {@code first-pos "-" [ last-pos ]} or {@code "-" suffix-length}, blanks tolerated. */
  static final Pattern SPEC = Pattern.compile("([0-9]*)[ \\t]*-[ \\t]*([0-9]*)");

  private RangeSyntax() {}
}
