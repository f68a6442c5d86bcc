package io.artstore.query.domain;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A validated search (SPEC §6): the text and its mode, the filters (combined with AND), the order
 * and the page. Built only through {@link #parse}, which reports every offending field at once.
 */
public record SearchCriteria(
    String query,
    Mode mode,
    String filename,
    String extension,
    String contentType,
    List<String> tags,
    String uploadedBy,
    String retentionPolicy,
    String status,
    String storageElementId,
    Long minSize,
    Long maxSize,
    Instant createdAfter,
    Instant createdBefore,
    Instant expiresBefore,
    Map<String, String> metadata,
    SortBy sortBy,
    boolean ascending,
    int limit,
    long offset) {

  public static final int MAX_QUERY_LENGTH = 1000;
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** How {@code query} matches. */
  public enum Mode {
    /** Words, stemmed for English and Russian, ranked. */
    FULLTEXT,
    /** A substring of the filename, case-insensitive (trigram-indexed). */
    PARTIAL,
    /** The whole filename, exactly. */
    EXACT
  }

  public enum SortBy {
    RELEVANCE,
    CREATED_AT,
    SIZE,
    FILENAME
  }

  /** An offending field and why. */
  public record Violation(String field, String message) {}

  /** The search cannot run: every offending field. */
  public static final class InvalidSearch extends RuntimeException {
    private final transient List<Violation> violations;

    public InvalidSearch(List<Violation> violations) {
      super("Invalid search: " + violations);
      this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
      return violations;
    }
  }

  /** The search as it arrived: every value optional and unparsed. */
  public record Input(
      String query,
      String mode,
      String filename,
      String extension,
      String contentType,
      List<String> tags,
      String uploadedBy,
      String retentionPolicy,
      String status,
      String storageElementId,
      Long minSize,
      Long maxSize,
      String createdAfter,
      String createdBefore,
      String expiresBefore,
      Map<String, String> metadata,
      String sortBy,
      String sortOrder,
      Integer limit,
      Long offset) {}

  private static final Set<String> RETENTION = Set.of("temporary", "permanent");

  /** Statuses a search may ask for; {@code any} lifts the filter. */
  public static final Set<String> STATUSES = Set.of("active", "deleted", "expired", "any");

  public static SearchCriteria parse(Input in) {
    List<Violation> violations = new ArrayList<>();
    String query = blankToNull(in.query());
    if (query != null && query.length() > MAX_QUERY_LENGTH) {
      violations.add(new Violation("query", "must be at most " + MAX_QUERY_LENGTH + " characters"));
    }
    Mode mode = enumValue(Mode.class, in.mode(), Mode.FULLTEXT, "mode", violations);
    if (mode != Mode.FULLTEXT && query == null) {
      violations.add(new Violation("query", "is required in " + lower(mode) + " mode"));
    }
    String retention = blankToNull(in.retentionPolicy());
    if (retention != null && !RETENTION.contains(retention)) {
      violations.add(new Violation("retention_policy", "must be temporary or permanent"));
    }
    String status = blankToNull(in.status());
    if (status == null) {
      status = "active";
    } else if (!STATUSES.contains(status)) {
      violations.add(new Violation("status", "must be active, deleted, expired or any"));
    }
    if (in.minSize() != null && in.minSize() < 0) {
      violations.add(new Violation("min_size", "must be 0 or more"));
    }
    if (in.maxSize() != null && in.maxSize() < 0) {
      violations.add(new Violation("max_size", "must be 0 or more"));
    }
    if (in.minSize() != null
        && in.maxSize() != null
        && in.minSize() >= 0
        && in.maxSize() >= 0
        && in.minSize() > in.maxSize()) {
      violations.add(new Violation("min_size", "must not be greater than max_size"));
    }
    Instant after = instant(in.createdAfter(), "created_after", violations);
    Instant before = instant(in.createdBefore(), "created_before", violations);
    Instant expiresBefore = instant(in.expiresBefore(), "expires_before", violations);
    if (after != null && before != null && after.isAfter(before)) {
      violations.add(new Violation("created_after", "must not be later than created_before"));
    }
    List<String> tags = new ArrayList<>();
    if (in.tags() != null) {
      for (String tag : in.tags()) {
        if (tag == null || tag.isBlank()) {
          violations.add(new Violation("tags", "must not contain empty tags"));
          break;
        }
        tags.add(tag.strip());
      }
    }
    Map<String, String> metadata = new TreeMap<>();
    if (in.metadata() != null) {
      in.metadata()
          .forEach(
              (key, value) -> {
                if (key == null || key.isBlank() || value == null) {
                  violations.add(
                      new Violation("metadata", "keys must not be empty and values not null"));
                } else {
                  metadata.put(key, value);
                }
              });
    }
    SortBy sortBy =
        enumValue(
            SortBy.class,
            in.sortBy(),
            mode == Mode.FULLTEXT && query != null ? SortBy.RELEVANCE : SortBy.CREATED_AT,
            "sort_by",
            violations);
    if (sortBy == SortBy.RELEVANCE && query == null) {
      violations.add(new Violation("sort_by", "relevance needs a query"));
    }
    String order = blankToNull(in.sortOrder());
    boolean ascending;
    if (order == null) {
      // Relevance and dates read best from the top; names and sizes too (largest first).
      ascending = sortBy == SortBy.FILENAME;
    } else if (order.equals("asc") || order.equals("desc")) {
      ascending = order.equals("asc");
    } else {
      violations.add(new Violation("sort_order", "must be asc or desc"));
      ascending = false;
    }
    int limit = in.limit() == null ? DEFAULT_LIMIT : in.limit();
    if (limit < 1 || limit > MAX_LIMIT) {
      violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT));
    }
    long offset = in.offset() == null ? 0 : in.offset();
    if (offset < 0) {
      violations.add(new Violation("offset", "must be 0 or more"));
    }
    if (!violations.isEmpty()) {
      throw new InvalidSearch(violations);
    }
    String extension = blankToNull(in.extension());
    if (extension != null) {
      extension = FileText.lower(extension.startsWith(".") ? extension.substring(1) : extension);
    }
    return new SearchCriteria(
        query,
        mode,
        blankToNull(in.filename()),
        extension,
        blankToNull(in.contentType()),
        List.copyOf(tags),
        blankToNull(in.uploadedBy()),
        retention,
        status,
        blankToNull(in.storageElementId()),
        in.minSize(),
        in.maxSize(),
        after,
        before,
        expiresBefore,
        Map.copyOf(metadata),
        sortBy,
        ascending,
        limit,
        offset);
  }

  /** A full-text search with words to rank by. */
  public boolean ranked() {
    return mode == Mode.FULLTEXT && query != null;
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String raw, E fallback, String field, List<Violation> violations) {
    String value = blankToNull(raw);
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (lower(constant).equals(value)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(lower(constant));
    }
    violations.add(new Violation(field, "must be one of " + String.join(", ", allowed)));
    return fallback;
  }

  private static String lower(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  private static Instant instant(String raw, String field, List<Violation> violations) {
    String value = blankToNull(raw);
    if (value == null) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      violations.add(new Violation(field, "must be an RFC 3339 timestamp"));
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
