package io.artstore.storage.domain;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as operators write them: {@code 1073741824}, {@code 500MB}, {@code 10GiB}, {@code 2 TB}.
 * Decimal units are powers of 1000, binary units (KiB, MiB, ...) powers of 1024.
 */
public final class ByteSize {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]?I?B?)?", Pattern.CASE_INSENSITIVE);

  private ByteSize() {}

  public static long parse(String text) {
    Matcher m = SIZE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a size: " + text);
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
    if (unit.equals("I") || unit.endsWith("I")) {
      throw new IllegalArgumentException("Not a size: " + text);
    }
    boolean binary = unit.contains("I");
    int power =
        switch (unit.isEmpty() ? 'B' : unit.charAt(0)) {
          case 'B' -> 0;
          case 'K' -> 1;
          case 'M' -> 2;
          case 'G' -> 3;
          case 'T' -> 4;
          case 'P' -> 5;
          default -> throw new IllegalArgumentException("Not a size: " + text);
        };
    double bytes = number * Math.pow(binary ? 1024 : 1000, power);
    if (bytes > Long.MAX_VALUE) {
      throw new IllegalArgumentException("Too large: " + text);
    }
    return (long) bytes;
  }
}
