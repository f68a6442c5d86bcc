package io.artstore.storage.domain;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where and under which name a file is stored (SPEC §3.1): {@code {YYYY}/{MM}/{DD}/{HH}/} of the
 * upload time in UTC, and {@code {stem}_{username}_{YYYYMMDDTHHMMSS}_{uuid}{ext}}.
 *
 * <p>Names stay readable (Cyrillic, CJK and emoji are kept) but can never leave their directory,
 * never start with a dot, never contain control or path characters, and fit every common file
 * system: at most {@value #MAX_CHARS} UTF-16 chars and {@value #MAX_UTF8_BYTES} UTF-8 bytes, so
 * that the attr file ({@code + .attr.json}) still fits in 255 bytes.
 */
public final class StorageNaming {
  public static final int MAX_CHARS = 200;
  public static final int MAX_UTF8_BYTES = 240;

  /** Usernames longer than this (in code points) are cut before naming. */
  public static final int MAX_USERNAME_CODE_POINTS = 64;

  /** ...and than this in UTF-8 bytes, so that the stem always keeps some room. */
  public static final int MAX_USERNAME_UTF8_BYTES = 128;

  /** Cap of the stored {@code original_filename}, in code points. */
  public static final int MAX_ORIGINAL_CODE_POINTS = 1024;

  static final String DEFAULT_STEM = "file";
  static final String DEFAULT_USERNAME = "anonymous";

  private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,16}");
  private static final DateTimeFormatter PATH =
      DateTimeFormatter.ofPattern("uuuu/MM/dd/HH/").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

  private StorageNaming() {}

  /**
   * The directory of a file uploaded at this time, relative to the element root: {@code
   * 2026/11/22/02/}.
   */
  public static String storagePath(Instant uploadedAt) {
    return PATH.format(Objects.requireNonNull(uploadedAt, "uploadedAt"));
  }

  /** {@code {stem}_{username}_{YYYYMMDDTHHMMSS}_{uuid}{ext}}, sanitised and length-capped. */
  public static String storageFilename(
      String originalFilename, String username, Instant uploadedAt, UUID fileId) {
    Objects.requireNonNull(uploadedAt, "uploadedAt");
    Objects.requireNonNull(fileId, "fileId");
    String name = Normalizer.normalize(lastSegment(originalFilename), Normalizer.Form.NFC);

    String extension = "";
    String stem = name;
    int dot = name.lastIndexOf('.');
    // A dot at position 0 starts a hidden-file name (.bashrc), not an extension.
    if (dot > 0 && EXTENSION.matcher(name.substring(dot + 1)).matches()) {
      extension = name.substring(dot);
      stem = name.substring(0, dot);
    }

    String user =
        sanitise(username == null ? "" : Normalizer.normalize(username, Normalizer.Form.NFC));
    user =
        stripEdges(
            truncate(user, MAX_USERNAME_CODE_POINTS, Integer.MAX_VALUE, MAX_USERNAME_UTF8_BYTES));
    if (user.isEmpty()) {
      user = DEFAULT_USERNAME;
    }

    String suffix = "_" + user + "_" + STAMP.format(uploadedAt) + "_" + fileId + extension;
    int charRoom = MAX_CHARS - suffix.length();
    int byteRoom = MAX_UTF8_BYTES - utf8Length(suffix);

    String cleanStem = sanitise(stem);
    if (cleanStem.isEmpty()) {
      cleanStem = DEFAULT_STEM;
    }
    String cut = stripEdges(truncate(cleanStem, Integer.MAX_VALUE, charRoom, byteRoom));
    if (cut.isEmpty()) {
      // Only when the first grapheme alone is longer than the room: cut by code points instead.
      cut = stripEdges(truncateCodePoints(cleanStem, charRoom, byteRoom));
    }
    if (cut.isEmpty()) {
      cut = DEFAULT_STEM;
    }
    return cut + suffix;
  }

  /**
   * What is stored as {@code original_filename}: the client's last path segment as given, without
   * control characters, at most {@value #MAX_ORIGINAL_CODE_POINTS} code points; {@code file} when
   * nothing (or only {@code .}/{@code ..} or blanks) remains.
   */
  public static String cleanOriginalFilename(String originalFilename) {
    String segment = lastSegment(originalFilename);
    StringBuilder out = new StringBuilder(segment.length());
    segment
        .codePoints()
        .filter(cp -> !isControl(cp) && !isLoneSurrogate(cp))
        .forEach(out::appendCodePoint);
    String cleaned =
        truncate(out.toString(), MAX_ORIGINAL_CODE_POINTS, Integer.MAX_VALUE, Integer.MAX_VALUE);
    if (cleaned.isBlank() || cleaned.equals(".") || cleaned.equals("..")) {
      return DEFAULT_STEM;
    }
    return cleaned;
  }

  /** The part after the last {@code /} or {@code \}: what the client's file was called. */
  static String lastSegment(String name) {
    if (name == null) {
      return "";
    }
    int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(cut + 1);
  }

  /**
   * Replaces path, reserved and control characters by {@code _}, leading dots too, collapses runs
   * of {@code _} and strips {@code _} and blanks at both ends.
   */
  static String sanitise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            cp -> {
              boolean unsafe = isUnsafe(cp);
              if (unsafe || cp == '_') {
                if (out.length() == 0 || out.charAt(out.length() - 1) != '_') {
                  out.append('_');
                }
              } else {
                out.appendCodePoint(cp);
              }
            });
    return stripEdges(out.toString());
  }

  /**
   * Strips leading dots, {@code _} and blanks, and trailing {@code _} and blanks. (Leading dots
   * count as {@code _}: the result never starts with a dot, so it is never hidden and never {@code
   * .} or {@code ..}.)
   */
  static String stripEdges(String text) {
    int start = 0;
    int end = text.length();
    while (start < end) {
      int cp = text.codePointAt(start);
      if (cp == '.' || cp == '_' || isBlank(cp)) {
        start += Character.charCount(cp);
      } else {
        break;
      }
    }
    while (end > start) {
      int cp = text.codePointBefore(end);
      if (cp == '_' || isBlank(cp)) {
        end -= Character.charCount(cp);
      } else {
        break;
      }
    }
    return text.substring(start, end);
  }

  private static boolean isUnsafe(int cp) {
    return cp == '/'
        || cp == '\\'
        || "<>:\"|?*".indexOf(cp) >= 0
        || isControl(cp)
        || isBidiControl(cp)
        || isLoneSurrogate(cp);
  }

  /** String.codePoints() yields unpaired surrogates as themselves; they cannot be UTF-8. */
  private static boolean isLoneSurrogate(int cp) {
    return cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
  }

  /** C0, DEL, C1, and the Unicode line and paragraph separators. */
  static boolean isControl(int cp) {
    return Character.getType(cp) == Character.CONTROL || cp == 0x2028 || cp == 0x2029;
  }

  /**
   * Embeddings, overrides and isolates, which can make {@code evil_exe.pdf} display as anything.
   */
  private static boolean isBidiControl(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  private static boolean isBlank(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The longest prefix within all three limits that ends on a grapheme boundary: never splits a
   * surrogate pair, a base character from its combining marks, a ZWJ emoji sequence, an emoji from
   * its modifier or variation selector, or a flag's regional-indicator pair.
   */
  static String truncate(String text, int maxCodePoints, int maxChars, int maxBytes) {
    if (text.codePointCount(0, text.length()) <= maxCodePoints
        && text.length() <= maxChars
        && utf8Length(text) <= maxBytes) {
      return text;
    }
    int best = 0;
    int codePoints = 0;
    int bytes = 0;
    int i = 0;
    int regionalRun = 0;
    int previous = -1;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (i > 0 && isBoundary(previous, cp, regionalRun)) {
        best = i; // the prefix before cp fits (checked in the previous round)
      }
      codePoints++;
      bytes += utf8Length(cp);
      int next = i + Character.charCount(cp);
      if (codePoints > maxCodePoints || next > maxChars || bytes > maxBytes) {
        return text.substring(0, best);
      }
      regionalRun = isRegionalIndicator(cp) ? regionalRun + 1 : 0;
      previous = cp;
      i = next;
    }
    return text;
  }

  /** Cuts by code points only (never inside a surrogate pair). */
  static String truncateCodePoints(String text, int maxChars, int maxBytes) {
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      bytes += utf8Length(cp);
      if (next > maxChars || bytes > maxBytes) {
        break;
      }
      i = next;
    }
    return text.substring(0, i);
  }

  private static boolean isBoundary(int previous, int cp, int regionalRunBefore) {
    if (previous == 0x200D) {
      return false; // after a zero-width joiner
    }
    if (isExtending(cp)) {
      return false;
    }
    // Regional indicators pair up into flags: no boundary inside a pair.
    return !(isRegionalIndicator(cp) && regionalRunBefore % 2 == 1);
  }

  private static boolean isExtending(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || cp == 0x200D // zero-width joiner
        || cp == 0x200C // zero-width non-joiner
        || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || (cp >= 0x1F3FB && cp <= 0x1F3FF) // emoji skin-tone modifiers
        || (cp >= 0xE0020 && cp <= 0xE007F); // tag characters (subdivision flags)
  }

  private static boolean isRegionalIndicator(int cp) {
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) {
      return 1;
    } else if (cp < 0x800) {
      return 2;
    } else if (cp < 0x10000) {
      return 3;
    }
    return 4;
  }
}
