package io.artstore.shared.api.paging;

import java.util.List;
import java.util.function.Function;

/** One page of a list response: {@code {items, total, limit, offset, has_more}} (SPEC §1). */
public record Page<T>(List<T> items, long total, int limit, long offset, boolean hasMore) {

  /** The same page with each item converted (domain objects to API views). */
  public <R> Page<R> map(Function<? super T, ? extends R> convert) {
    return new Page<>(items.stream().<R>map(convert).toList(), total, limit, offset, hasMore);
  }

  public static <T> Page<T> of(List<T> items, long total, PageRequest request) {
    return new Page<>(
        List.copyOf(items),
        total,
        request.limit(),
        request.offset(),
        request.offset() + items.size() < total);
  }
}
