package io.artstore.query.application;

import io.artstore.query.domain.SearchCriteria;
import io.artstore.query.infrastructure.SearchRepository;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.infrastructure.db.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Search and suggestions (SPEC §6). Full-text queries that found something are counted in memory
 * and written every few seconds, one batch per replica, to feed suggestions without a write per
 * search.
 */
@ApplicationScoped
public class SearchService {
  private static final Logger LOG = Logger.getLogger(SearchService.class.getName());
  private static final int MAX_REMEMBERED_QUERY = 200;
  private static final int MAX_PENDING_QUERIES = 10_000;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject SearchRepository repository;
  @Inject QueryMetrics metrics;

  private final Map<String, LongAdder> askedQueries = new ConcurrentHashMap<>();
  private ScheduledFuture<?> flusher;

  /** A suggestion and where it came from ({@code filename}, {@code tag}, {@code query}). */
  public record Suggestion(String text, String source) {}

  synchronized void start(@Observes SchemaReady ready) {
    if (flusher == null) {
      flusher = scheduler.scheduleWithFixedDelay(this::flushQueries, 5, 5, TimeUnit.SECONDS);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (flusher != null) {
      flusher.cancel(false);
    }
  }

  public SearchRepository.Result search(SearchCriteria.Input input) {
    SearchCriteria criteria;
    try {
      criteria = SearchCriteria.parse(input);
    } catch (SearchCriteria.InvalidSearch e) {
      List<FieldViolation> violations = new ArrayList<>();
      e.violations().forEach(v -> violations.add(new FieldViolation(v.field(), v.message())));
      throw ApiException.validation(violations);
    }
    metrics.search(criteria.mode().name().toLowerCase(Locale.ROOT));
    SearchRepository.Result result = repository.search(criteria);
    if (criteria.ranked() && result.total() > 0 && criteria.offset() == 0) {
      remember(criteria.query());
    }
    return result;
  }

  /** Completions of a prefix: filenames, then tags, then frequent queries, without repeats. */
  public List<Suggestion> suggest(String prefix, int limit) {
    SearchRepository.Completions completions = repository.complete(prefix, limit);
    Set<String> seen = new LinkedHashSet<>();
    List<Suggestion> suggestions = new ArrayList<>();
    int round = 0;
    // Interleaved so one source cannot crowd out the others.
    while (suggestions.size() < limit && round < limit) {
      add(suggestions, seen, completions.filenames(), round, "filename", limit);
      add(suggestions, seen, completions.tags(), round, "tag", limit);
      add(suggestions, seen, completions.queries(), round, "query", limit);
      round++;
    }
    return suggestions;
  }

  private static void add(
      List<Suggestion> out,
      Set<String> seen,
      List<String> source,
      int index,
      String kind,
      int limit) {
    if (index < source.size() && out.size() < limit && seen.add(source.get(index))) {
      out.add(new Suggestion(source.get(index), kind));
    }
  }

  private void remember(String query) {
    String normalized = query.strip().replaceAll("\\s+", " ");
    if (normalized.length() > MAX_REMEMBERED_QUERY || askedQueries.size() > MAX_PENDING_QUERIES) {
      return;
    }
    askedQueries.computeIfAbsent(normalized, q -> new LongAdder()).increment();
  }

  void flushQueries() {
    if (askedQueries.isEmpty()) {
      return;
    }
    Map<String, Long> counts = new HashMap<>();
    for (String query : List.copyOf(askedQueries.keySet())) {
      LongAdder adder = askedQueries.remove(query);
      if (adder != null) {
        counts.merge(query, adder.sum(), Long::sum);
      }
    }
    try {
      repository.recordQueries(counts);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Frequent queries not recorded; counts of this batch dropped", e);
    }
  }
}
