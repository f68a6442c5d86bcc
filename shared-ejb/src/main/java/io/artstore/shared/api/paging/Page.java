package io.artstore.shared.api.paging;

import java.util.List;

/** One page of a list response: {@code {items, total, limit, offset, has_more}} (SPEC §1). */
public record Page<T>(List<T> items, long total, int limit, long offset, boolean hasMore) {

  public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
    return new Page<>(
        List.copyOf(items),
        total,
        request.limit(),
        request.offset(),
        request.offset() + items.size() < total);
  }
}
