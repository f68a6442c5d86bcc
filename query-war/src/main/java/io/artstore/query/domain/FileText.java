package io.artstore.query.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a file's words reach the search index, and how a highlighted snippet comes back. Lower-casing
 * happens here, not in the database: a database created with the C locale lower-cases only ASCII.
 */
public final class FileText {
  /** Marks the database puts around matched words; never part of a filename or description. */
  public static final String MATCH_START = "\u0002";

  public static final String MATCH_END = "\u0003";

  private static final Pattern NAME_SEPARATORS = Pattern.compile("[._\\-/\\\\()\\[\\]{},;+]+");

  private FileText() {}

  public static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }

  /**
   * A filename as words: separators become spaces, so "Quarterly_report-2024.pdf" is found by
   * "report" as well as by "quarterly_report-2024.pdf" (the whole name stays a token of its own).
   */
  public static String filenameWords(String filename) {
    String lowered = lower(filename);
    return NAME_SEPARATORS.matcher(lowered).replaceAll(" ").strip();
  }

  /** The extension of a filename, lower-case without the dot, or null. */
  public static String extension(String filename) {
    if (filename == null) {
      return null;
    }
    int dot = filename.lastIndexOf('.');
    if (dot <= 0 || dot == filename.length() - 1) {
      return null;
    }
    String extension = lower(filename.substring(dot + 1));
    return extension.length() > 32 || extension.contains(" ") ? null : extension;
  }

  /** Tags as one lower-case text (weight B). */
  public static String tagWords(Collection<String> tags) {
    return tags == null ? "" : lower(String.join(" ", tags));
  }

  /** Metadata values as one lower-case text (weight D); keys are filters, not words. */
  public static String metadataWords(Map<String, String> metadata) {
    if (metadata == null) {
      return "";
    }
    List<String> values = new ArrayList<>(metadata.values());
    return lower(String.join(" ", values));
  }

  /**
   * The database's snippet as safe HTML: the text escaped, matched words in {@code <mark>}. The
   * snippet comes from user input, so it is escaped before any markup is added.
   */
  public static String highlight(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char ch = raw.charAt(i);
      switch (ch) {
        case '\u0002' -> out.append("<mark>");
        case '\u0003' -> out.append("</mark>");
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** A LIKE pattern for a substring, the user's wildcards escaped ({@code \} is the escape). */
  public static String containsPattern(String term) {
    return "%" + escapeLike(lower(term)) + "%";
  }

  /** A LIKE pattern for a prefix, the user's wildcards escaped. */
  public static String prefixPattern(String term) {
    return escapeLike(lower(term)) + "%";
  }

  private static String escapeLike(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
