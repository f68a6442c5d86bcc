package io.artstore.storage.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP-date (RFC 9110 §5.6.7): generates IMF-fixdate, and accepts the two obsolete forms (RFC 850
 * and asctime) too. Anything else is not a date; callers then ignore the header.
 */
public final class HttpDate {
  private static final String DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
  private static final String LONG_DAY =
      "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
  private static final String MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
  private static final String TIME = "([0-9]{2}):([0-9]{2}):([0-9]{2})";
  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /** {@code Sun, 06 Nov 1994 08:49:37 GMT} */
  private static final Pattern IMF_FIXDATE =
      Pattern.compile(
          DAY + ", ([0-9]{2}) " + MONTH + " ([0-9]{4}) " + TIME + " GMT", Pattern.CASE_INSENSITIVE);

  /** {@code Sunday, 06-Nov-94 08:49:37 GMT} */
  private static final Pattern RFC_850 =
      Pattern.compile(
          LONG_DAY + ", ([0-9]{2})-" + MONTH + "-([0-9]{2}) " + TIME + " GMT",
          Pattern.CASE_INSENSITIVE);

  /** {@code Sun Nov 6 08:49:37 1994} */
  private static final Pattern ASCTIME =
      Pattern.compile(
          DAY + " " + MONTH + " ([0-9]{2}| [0-9]) " + TIME + " ([0-9]{4})",
          Pattern.CASE_INSENSITIVE);

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private HttpDate() {}

  /** IMF-fixdate of this instant, truncated to the second. */
  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Parses any of the three forms; empty when the value is absent or not a valid date (the day-name
   * is not checked against the date).
   */
  public static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String text = value.strip();
    try {
      Matcher m = IMF_FIXDATE.matcher(text);
      if (m.matches()) {
        return Optional.of(
            at(
                Integer.parseInt(m.group(3)),
                m.group(2),
                m.group(1),
                m.group(4),
                m.group(5),
                m.group(6)));
      }
      m = RFC_850.matcher(text);
      if (m.matches()) {
        int year = twoDigitYear(Integer.parseInt(m.group(3)), Year.now(ZoneOffset.UTC).getValue());
        return Optional.of(at(year, m.group(2), m.group(1), m.group(4), m.group(5), m.group(6)));
      }
      m = ASCTIME.matcher(text);
      if (m.matches()) {
        return Optional.of(
            at(
                Integer.parseInt(m.group(6)),
                m.group(1),
                m.group(2).strip(),
                m.group(3),
                m.group(4),
                m.group(5)));
      }
    } catch (DateTimeException e) {
      return Optional.empty(); // 31 Feb, 25:00, and so on
    }
    return Optional.empty();
  }

  /**
   * RFC 9110 §5.6.7: a two-digit year more than 50 years in the future is the most recent past year
   * with those digits.
   */
  static int twoDigitYear(int yy, int currentYear) {
    int year = currentYear - Math.floorMod(currentYear, 100) + yy;
    if (year > currentYear + 50) {
      year -= 100;
    } else if (year <= currentYear - 50) {
      year += 100;
    }
    return year;
  }

  private static Instant at(
      int year, String month, String day, String hour, String minute, String second) {
    return LocalDateTime.of(
            year,
            MONTHS.indexOf(month.toLowerCase(Locale.ROOT)) + 1,
            Integer.parseInt(day),
            Integer.parseInt(hour),
            Integer.parseInt(minute),
            Integer.parseInt(second))
        .toInstant(ZoneOffset.UTC);
  }
}
