package io.artstore.storage.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conditional requests (RFC 9110 §13) on a representation with a strong entity tag and a
 * Last-Modified time: the preconditions of GET/HEAD in the order of §13.2.2, If-Range, and If-Match
 * for PATCH.
 */
public final class Conditionals {

  /** What the preconditions of a GET/HEAD say. */
  public enum Outcome {
    /** 304 Not Modified. */
    NOT_MODIFIED,
    /** Go on and answer the request. */
    PROCEED
  }

  /** An entity tag: its opaque part (with the quotes) and whether it is weak. */
  public record EntityTag(String opaque, boolean weak) {
    public boolean strongMatch(EntityTag other) {
      return !weak && !other.weak && opaque.equals(other.opaque);
    }

    public boolean weakMatch(EntityTag other) {
      return opaque.equals(other.opaque);
    }
  }

  /** A parsed {@code If-Match}/{@code If-None-Match} value: {@code *}, or a list of tags. */
  record TagList(boolean any, List<EntityTag> tags) {}

  private Conditionals() {}

  /**
   * Steps 3 and 4 of RFC 9110 §13.2.2 for GET and HEAD (steps 1 and 2, If-Match and
   * If-Unmodified-Since, are not used by the GET endpoints).
   *
   * <ul>
   *   <li>If-None-Match, when present and well-formed, decides alone: {@code *} or any tag that
   *       weakly matches the current one gives 304; If-Modified-Since is then not looked at.
   *   <li>Otherwise If-Modified-Since, when a valid HTTP-date and Last-Modified is known: 304 when
   *       Last-Modified (to the second) is not later than it.
   * </ul>
   *
   * A malformed If-None-Match is ignored as if absent, an invalid date too.
   *
   * @param etag the current strong entity tag, quoted ({@code "abc"}); may be null if unknown
   * @param lastModified may be null if unknown
   */
  public static Outcome evaluate(
      String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
    Optional<TagList> noneMatch = parseList(ifNoneMatch);
    if (noneMatch.isPresent()) {
      TagList list = noneMatch.get();
      if (list.any()) {
        return Outcome.NOT_MODIFIED; // the representation exists
      }
      Optional<EntityTag> current = parseTag(etag);
      if (current.isPresent() && list.tags().stream().anyMatch(t -> t.weakMatch(current.get()))) {
        return Outcome.NOT_MODIFIED;
      }
      return Outcome.PROCEED;
    }
    if (lastModified != null) {
      Optional<Instant> since = HttpDate.parse(ifModifiedSince);
      if (since.isPresent() && !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since.get())) {
        return Outcome.NOT_MODIFIED;
      }
    }
    return Outcome.PROCEED;
  }

  /**
   * Whether the Range header still applies given {@code If-Range} (RFC 9110 §13.1.5): true when
   * If-Range is absent; when it is an entity tag, only if it strongly matches the current one (a
   * weak tag never does); when it is an HTTP-date, only if it equals Last-Modified to the second.
   * Anything else (malformed value, unknown Last-Modified) is false: the Range is ignored and the
   * whole representation is sent.
   */
  public static boolean rangeApplies(String ifRange, String etag, Instant lastModified) {
    if (ifRange == null || ifRange.isBlank()) {
      return true;
    }
    String value = ifRange.strip();
    if (value.startsWith("\"") || value.startsWith("W/")) {
      Optional<EntityTag> given = parseTag(value);
      Optional<EntityTag> current = parseTag(etag);
      return given.isPresent() && current.isPresent() && given.get().strongMatch(current.get());
    }
    Optional<Instant> date = HttpDate.parse(value);
    return date.isPresent()
        && lastModified != null
        && lastModified.truncatedTo(ChronoUnit.SECONDS).equals(date.get());
  }

  /**
   * {@code If-Match} (RFC 9110 §13.1.1) for PATCH: true when absent, {@code *} (the resource
   * exists), or when a listed tag strongly matches the current one. Weak tags never match; a
   * malformed value is false (412 rather than risking a lost update).
   */
  public static boolean ifMatchSatisfied(String ifMatch, String currentEtag) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return true;
    }
    Optional<TagList> list = parseList(ifMatch);
    if (list.isEmpty()) {
      return false;
    }
    if (list.get().any()) {
      return currentEtag != null;
    }
    Optional<EntityTag> current = parseTag(currentEtag);
    return current.isPresent()
        && list.get().tags().stream().anyMatch(t -> t.strongMatch(current.get()));
  }

  /** One entity tag ({@code "x"} or {@code W/"x"}), blanks around tolerated. */
  public static Optional<EntityTag> parseTag(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Optional<TagList> list = parseList(value);
    if (list.isEmpty() || list.get().any() || list.get().tags().size() != 1) {
      return Optional.empty();
    }
    return Optional.of(list.get().tags().get(0));
  }

  /**
   * {@code "*" / #entity-tag}; empty when absent (null or blank) or malformed. Empty list elements
   * are skipped (RFC 9110 §5.6.1).
   */
  static Optional<TagList> parseList(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String text = value.strip();
    if (text.equals("*")) {
      return Optional.of(new TagList(true, List.of()));
    }
    List<EntityTag> tags = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && (text.charAt(i) == ',' || isOws(text.charAt(i)))) {
        i++;
      }
      if (i == n) {
        break;
      }
      boolean weak = false;
      if (text.startsWith("W/", i)) {
        weak = true;
        i += 2;
      }
      if (i == n || text.charAt(i) != '"') {
        return Optional.empty();
      }
      int close = i + 1;
      while (close < n && text.charAt(close) != '"') {
        char c = text.charAt(close);
        if (c < 0x21 || c == 0x7F) {
          return Optional.empty();
        }
        close++;
      }
      if (close == n) {
        return Optional.empty(); // unterminated
      }
      tags.add(new EntityTag(text.substring(i, close + 1), weak));
      i = close + 1;
      while (i < n && isOws(text.charAt(i))) {
        i++;
      }
      if (i < n && text.charAt(i) != ',') {
        return Optional.empty(); // something glued to the tag
      }
    }
    return tags.isEmpty() ? Optional.empty() : Optional.of(new TagList(false, List.copyOf(tags)));
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
