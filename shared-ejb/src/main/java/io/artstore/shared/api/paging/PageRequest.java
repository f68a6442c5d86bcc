package io.artstore.shared.api.paging;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code limit} and {@code offset} of a list request (SPEC §1): limit 1–1000, default 100; offset ≥
 * 0, default 0. Out-of-range or non-numeric values are refused with 400, never clamped: a client
 * that asks for 5000 items and silently gets 1000 pages wrongly.
 */
public record PageRequest(int limit, long offset) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      throw new IllegalArgumentException("limit " + limit + " / offset " + offset);
    }
  }

  /** Parses raw query-string values; null or blank means "use the default". */
  public static PageRequest parse(String rawLimit, String rawOffset) {
    List<FieldViolation> violations = new ArrayList<>();
    int limit = DEFAULT_LIMIT;
    long offset = 0;
    if (rawLimit != null && !rawLimit.isBlank()) {
      try {
        limit = Integer.parseInt(rawLimit.trim());
        if (limit < 1 || limit > MAX_LIMIT) {
          violations.add(new FieldViolation("limit", "must be between 1 and " + MAX_LIMIT));
        }
      } catch (NumberFormatException e) {
        violations.add(
            new FieldViolation("limit", "must be an integer between 1 and " + MAX_LIMIT));
      }
    }
    if (rawOffset != null && !rawOffset.isBlank()) {
      try {
        offset = Long.parseLong(rawOffset.trim());
        if (offset < 0) {
          violations.add(new FieldViolation("offset", "must be 0 or greater"));
        }
      } catch (NumberFormatException e) {
        violations.add(new FieldViolation("offset", "must be an integer, 0 or greater"));
      }
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    return new PageRequest(limit, offset);
  }
}
