package io.artstore.shared.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 5s}, {@code 10m}, {@code 1h}, {@code 24h}, {@code 7d},
 * {@code 250ms}, ISO-8601 ({@code PT5S}), or a bare number of seconds. {@code 0} is a valid value
 * ("off" where a setting allows it).
 */
public final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  public static Duration parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("p")) {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    }
    Matcher m = SIMPLE.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a duration: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException("Not a duration: " + text);
    };
  }
}
