package io.artstore.benchmark;

import io.artstore.query.api.dto.SearchRequest;
import io.artstore.query.domain.FileText;
import io.artstore.query.domain.SearchCriteria;
import io.artstore.query.infrastructure.SearchRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.json.bind.Jsonb;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Search at scale (SPEC §8: p95 ≤ 50 ms for selective full-text queries with filters through the
 * API at 1,000,000 files, within 2× of the same SQL run directly).
 *
 * <ol>
 *   <li>Loads {@code rows} generated records ({@link SearchCorpus}) straight into the query
 *       service's index ({@code query.search_files}), the way {@code SearchIndexRepository#upsert}
 *       writes them: text lower-cased in Java, the same tsvector recipe computed by PostgreSQL.
 *       Rows stream through {@code COPY} into a temporary table and one {@code INSERT … SELECT} per
 *       chunk; the secondary indexes are dropped for the load and recreated from their own
 *       definitions. Rows carry the metadata {@code bench=1}: a re-run loads only what is missing.
 *       The tag counts ({@code search_tags}) are kept consistent; {@code VACUUM ANALYZE} at the
 *       end.
 *   <li>Runs a fixed mix of searches through {@code POST /api/v1/search} and the same SQL ({@link
 *       SearchRepository#statements}) directly over JDBC, each at 1 and 8 clients for a fixed time
 *       after a warm-up, and prints p50/p95/p99, throughput and the API/direct ratio, plus {@code
 *       EXPLAIN (ANALYZE, BUFFERS)} of every statement (target/search-plans.txt).
 * </ol>
 *
 * Database: {@code ARTSTORE_BENCH_DB_URL} (default the embedded run's {@code
 * jdbc:postgresql://127.0.0.1:15432/artstore}), {@code ARTSTORE_BENCH_DB_USER} ({@code postgres}),
 * {@code ARTSTORE_BENCH_DB_PASSWORD} (empty); the API: {@code ARTSTORE_QUERY_URL} ({@code
 * http://localhost:8030}).
 */
final class SearchBenchmarks {
  private static final String QUERY =
      System.getenv().getOrDefault("ARTSTORE_QUERY_URL", "http://localhost:8030");
  private static final String DB_URL =
      System.getenv()
          .getOrDefault("ARTSTORE_BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:15432/artstore");
  private static final String DB_USER =
      System.getenv().getOrDefault("ARTSTORE_BENCH_DB_USER", "postgres");
  private static final String DB_PASSWORD =
      System.getenv().getOrDefault("ARTSTORE_BENCH_DB_PASSWORD", "");
  private static final String SCHEMA = "query";
  private static final int CHUNK = 50_000;
  private static final String MARKER =
      "{\"" + SearchCorpus.MARKER_KEY + "\":\"" + SearchCorpus.MARKER_VALUE + "\"}";
  private static final int[] CLIENTS = {1, 8};

  /** SPEC §8: p95 through the API for selective queries, and the API's p95 over direct SQL's. */
  private static final double GOAL_P95_MS = 50;

  private static final double GOAL_RATIO = 2;

  private SearchBenchmarks() {}

  static Connection connect() throws SQLException {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", DB_USER);
    p.setProperty("password", DB_PASSWORD);
    p.setProperty("currentSchema", SCHEMA);
    p.setProperty("ApplicationName", "artstore-benchmark");
    return DriverManager.getConnection(DB_URL, p);
  }

  // ---------------------------------------------------------------------------------------------
  // Load

  static void load(long rows) throws Exception {
    long existing;
    try (Connection c = connect()) {
      existing = count(c, "SELECT count(*) FROM search_files WHERE metadata @> '" + MARKER + "'");
    }
    if (existing >= rows) {
      System.out.printf("load: %,d benchmark rows present already, nothing loaded%n", existing);
      return;
    }
    int threads =
        Integer.parseInt(System.getenv().getOrDefault("ARTSTORE_BENCH_LOAD_THREADS", "2"));
    boolean dropIndexes =
        !"false".equals(System.getenv().getOrDefault("ARTSTORE_BENCH_DROP_INDEXES", "true"));
    System.out.printf(
        "load: %,d benchmark rows present, loading rows %,d..%,d (%d threads, secondary indexes"
            + " %s)%n",
        existing, existing, rows - 1, threads, dropIndexes ? "dropped and rebuilt" : "kept");
    long t0 = System.nanoTime();
    Map<String, String> indexes = new LinkedHashMap<>();
    try (Connection c = connect()) {
      if (dropIndexes) {
        try (Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = '"
                        + SCHEMA
                        + "' AND i.tablename = 'search_files' AND i.indexname NOT IN (SELECT"
                        + " conname FROM pg_constraint) ORDER BY i.indexname")) {
          while (rs.next()) {
            indexes.put(rs.getString(1), rs.getString(2));
          }
        }
        System.out.println("load: indexes to rebuild afterwards: " + indexes.values());
        try (Statement s = c.createStatement()) {
          for (String name : indexes.keySet()) {
            s.execute("DROP INDEX " + SCHEMA + "." + name);
          }
        }
      }
      Map<String, Long> tagCounts = new ConcurrentHashMap<>();
      AtomicLong loaded = new AtomicLong();
      double insertSeconds;
      try {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long first = existing;
        for (int t = 0; t < threads; t++) {
          int worker = t;
          futures.add(
              pool.submit(
                  () -> {
                    loadRows(first, rows, worker, threads, tagCounts, loaded, t0);
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
        pool.shutdown();
        insertSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "load: %,d rows generated, copied and inserted in %.1f s (%.0f rows/s)%n",
            loaded.get(), insertSeconds, loaded.get() / insertSeconds);
      } finally {
        if (!indexes.isEmpty()) {
          long i0 = System.nanoTime();
          try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '1GB'");
            for (Map.Entry<String, String> index : indexes.entrySet()) {
              long x0 = System.nanoTime();
              s.execute(index.getValue());
              System.out.printf(
                  "load: index %s rebuilt in %.1f s%n",
                  index.getKey(), (System.nanoTime() - x0) / 1e9);
            }
          }
          System.out.printf(
              "load: secondary indexes rebuilt in %.1f s%n", (System.nanoTime() - i0) / 1e9);
        }
      }
      long a0 = System.nanoTime();
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO search_tags (tag, tag_lower, files) VALUES (?, ?, ?) ON CONFLICT (tag)"
                  + " DO UPDATE SET files = search_tags.files + EXCLUDED.files")) {
        for (Map.Entry<String, Long> tag : new TreeMap<>(tagCounts).entrySet()) {
          s.setString(1, tag.getKey());
          s.setString(2, FileText.lower(tag.getKey()));
          s.setLong(3, tag.getValue());
          s.addBatch();
        }
        s.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("VACUUM (ANALYZE) search_files");
        s.execute("ANALYZE search_tags");
      }
      System.out.printf(
          "load: tag counts and VACUUM ANALYZE in %.1f s; total load %.1f s%n",
          (System.nanoTime() - a0) / 1e9, (System.nanoTime() - t0) / 1e9);
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT pg_size_pretty(pg_total_relation_size('search_files')),"
                      + " pg_size_pretty(pg_relation_size('search_files')),"
                      + " pg_size_pretty(pg_indexes_size('search_files')), (SELECT count(*) FROM"
                      + " search_files)")) {
        rs.next();
        System.out.printf(
            "load: search_files %s in all (heap %s, indexes %s), %,d rows%n",
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
      }
    }
  }

  private static void loadRows(
      long first,
      long end,
      int worker,
      int workers,
      Map<String, Long> tagCounts,
      AtomicLong loaded,
      long t0)
      throws Exception {
    Jsonb jsonb = JsonbConfigResolver.create();
    Map<String, Long> tags = new TreeMap<>();
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TEMP TABLE bench_staging (file_id uuid, version bigint, status text,"
                + " original_filename text, filename_lower text, extension text, content_type"
                + " text, size_bytes bigint, uploaded_by_id text, uploaded_by_name text,"
                + " description text, tags text[], metadata jsonb, retention_policy text,"
                + " storage_element_id text, created_at timestamptz, expires_at timestamptz,"
                + " document jsonb, name_words text, name_simple text, tag_words text,"
                + " description_lower text, metadata_words text)");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      StringBuilder buffer = new StringBuilder(CHUNK * 1600);
      long chunks = 0;
      // Worker w takes the chunks w, w + workers, ... of [first, end).
      for (long start = first + (long) worker * CHUNK;
          start < end;
          start += (long) workers * CHUNK) {
        long stop = Math.min(end, start + CHUNK);
        buffer.setLength(0);
        for (long n = start; n < stop; n++) {
          StoredFile f = SearchCorpus.file(n);
          row(buffer, f, jsonb);
          if ("active".equals(f.status())) {
            for (String tag : new TreeSet<>(f.tags())) {
              tags.merge(tag, 1L, Long::sum);
            }
          }
        }
        try (Reader in = new StringReader(buffer.toString())) {
          copy.copyIn("COPY bench_staging FROM STDIN", in);
        }
        try (Statement s = c.createStatement()) {
          s.executeUpdate(
              "INSERT INTO search_files (file_id, version, status, removed, original_filename,"
                  + " filename_lower, extension, content_type, size_bytes, uploaded_by_id,"
                  + " uploaded_by_name, description, tags, metadata, retention_policy,"
                  + " storage_element_id, created_at, expires_at, document, search_vector,"
                  + " indexed_at) SELECT file_id, version, status, false, original_filename,"
                  + " filename_lower, extension, content_type, size_bytes, uploaded_by_id,"
                  + " uploaded_by_name, description, tags, metadata, retention_policy,"
                  + " storage_element_id, created_at, expires_at, document,"
                  // The recipe of SearchIndexRepository#upsert, unchanged.
                  + " setweight(to_tsvector('russian', name_words), 'A')"
                  + " || setweight(to_tsvector('simple', name_simple), 'A')"
                  + " || setweight(to_tsvector('russian', tag_words), 'B')"
                  + " || setweight(to_tsvector('simple', tag_words), 'B')"
                  + " || setweight(to_tsvector('russian', description_lower), 'C')"
                  + " || setweight(to_tsvector('russian', metadata_words), 'D'),"
                  + " clock_timestamp() FROM bench_staging ON CONFLICT (file_id) DO NOTHING");
          s.execute("TRUNCATE bench_staging");
        }
        long done = loaded.addAndGet(stop - start);
        if (++chunks % 4 == 0 || worker == 0 && chunks == 1) {
          System.out.printf(
              "load: %,d rows (%.0f rows/s)%n", done, done / ((System.nanoTime() - t0) / 1e9));
        }
      }
    }
    tags.forEach((tag, n) -> tagCounts.merge(tag, n, Long::sum));
  }

  /** One COPY line with what {@code SearchIndexRepository#upsert} binds. */
  private static void row(StringBuilder out, StoredFile f, Jsonb jsonb) {
    String filename = f.originalFilename();
    String nameWords = FileText.filenameWords(filename);
    String tagWords = FileText.tagWords(f.tags());
    List<String> sortedTags = List.copyOf(new TreeSet<>(f.tags()));
    StringBuilder array = new StringBuilder("{");
    for (String tag : sortedTags) {
      if (array.length() > 1) {
        array.append(',');
      }
      array.append('"').append(tag.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    array.append('}');
    field(out, f.fileId());
    field(out, Long.toString(f.version()));
    field(out, f.status());
    field(out, filename);
    field(out, FileText.lower(filename));
    field(out, FileText.extension(filename));
    field(out, f.contentType());
    field(out, Long.toString(f.sizeBytes()));
    field(out, f.uploadedBy().id());
    field(out, f.uploadedBy().name());
    field(out, f.description());
    field(out, array.toString());
    field(out, jsonb.toJson(new TreeMap<>(f.metadata())));
    field(out, f.retentionPolicy());
    field(out, f.storageElementId());
    field(out, f.createdAt() == null ? null : f.createdAt().toString());
    field(out, f.expiresAt() == null ? null : f.expiresAt().toString());
    field(out, jsonb.toJson(f));
    field(out, nameWords);
    field(out, FileText.lower(filename) + " " + nameWords);
    field(out, tagWords);
    field(out, FileText.lower(f.description()));
    field(out, FileText.metadataWords(f.metadata()));
    out.setCharAt(out.length() - 1, '\n');
  }

  /** A value of COPY's text format, then a tab. */
  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append("\\N\t");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
    out.append('\t');
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  /** One search of the mix; {@code selective} ones are what SPEC §8's bar is about. */
  record Case(String name, boolean selective, SearchRequest request) {}

  static List<Case> cases(Connection c) throws SQLException {
    Instant end = SearchCorpus.END;
    String rare = SearchCorpus.NAMES.get(2000);
    String exact;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT original_filename FROM search_files WHERE status = 'active' AND NOT"
                    + " removed AND original_filename LIKE 'INV-%' ORDER BY file_id LIMIT 1")) {
      rs.next();
      exact = rs.getString(1);
    }
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "fulltext rare word + extension=pdf (\"" + rare + "\")",
            true,
            request(b -> b.query = rare, b -> b.extension = "pdf", b -> b.limit = 20)));
    cases.add(
        new Case(
            "fulltext two words + created range (\"" + SearchCorpus.NAMES.get(1200) + " invoice\")",
            true,
            request(
                b -> b.query = SearchCorpus.NAMES.get(1200) + " invoice",
                b -> b.createdAfter = end.minus(Duration.ofDays(730)).toString(),
                b -> b.limit = 20)));
    cases.add(
        new Case(
            "fulltext common word + tag, limit 20 (\"contract\", tags=[legal])",
            false,
            request(b -> b.query = "contract", b -> b.tags = List.of("legal"), b -> b.limit = 20)));
    cases.add(
        new Case(
            "fulltext Russian word form (\"гарантиями\")",
            false,
            request(b -> b.query = "гарантиями", b -> b.limit = 20)));
    cases.add(
        new Case(
            "fulltext English stem (\"reconciling\")",
            false,
            request(b -> b.query = "reconciling", b -> b.limit = 20)));
    cases.add(
        new Case(
            "partial filename substring (\"2024-0012\")",
            true,
            request(b -> b.query = "2024-0012", b -> b.mode = "partial", b -> b.limit = 20)));
    cases.add(
        new Case(
            "exact filename (\"" + exact + "\")",
            true,
            request(b -> b.query = exact, b -> b.mode = "exact")));
    cases.add(
        new Case(
            "filters only: uploaded_by + created range, sort created_at",
            true,
            request(
                b -> b.uploadedBy = "bench-user-03",
                b -> b.createdAfter = end.minus(Duration.ofDays(120)).toString(),
                b -> b.createdBefore = end.minus(Duration.ofDays(30)).toString(),
                b -> b.sortBy = "created_at",
                b -> b.limit = 50)));
    cases.add(
        new Case(
            "metadata department=finance + size 1–10 MiB",
            true,
            request(
                b -> b.metadata = Map.of("department", "finance"),
                b -> b.minSize = 1L << 20,
                b -> b.maxSize = 10L << 20,
                b -> b.limit = 50)));
    cases.add(
        new Case(
            "deep page: fulltext \"contract\", limit 20 offset 500",
            false,
            request(b -> b.query = "contract", b -> b.limit = 20, b -> b.offset = 500L)));
    return cases;
  }

  /** A mutable builder of {@link SearchRequest}, for readable cases. */
  static final class Builder {
    String query;
    String mode;
    String extension;
    List<String> tags;
    String uploadedBy;
    Long minSize;
    Long maxSize;
    String createdAfter;
    String createdBefore;
    Map<String, String> metadata;
    String sortBy;
    Integer limit;
    Long offset;
  }

  @SafeVarargs
  private static SearchRequest request(java.util.function.Consumer<Builder>... steps) {
    Builder b = new Builder();
    for (var step : steps) {
      step.accept(b);
    }
    return new SearchRequest(
        b.query,
        b.mode,
        null,
        b.extension,
        null,
        b.tags,
        b.uploadedBy,
        null,
        null,
        null,
        b.minSize,
        b.maxSize,
        b.createdAfter,
        b.createdBefore,
        null,
        b.metadata,
        b.sortBy,
        null,
        b.limit,
        b.offset);
  }

  // ---------------------------------------------------------------------------------------------
  // Measure

  /** Latencies of one run. */
  record Run(int clients, long count, long errors, double seconds, double[] ms) {
    double p(int percentile) {
      return Benchmarks.percentile(ms, percentile);
    }

    double perSecond() {
      return count / seconds;
    }

    String cell() {
      return String.format(
          Locale.ROOT, "%.1f / %.1f / %.1f, %.0f/s", p(50), p(95), p(99), perSecond());
    }
  }

  interface Operation {
    /** One request on behalf of client {@code client}; false counts as an error. */
    boolean run(int client) throws Exception;
  }

  static Run measure(int clients, double seconds, Operation op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Future<List<Double>>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      int client = i;
      futures.add(
          pool.submit(
              () -> {
                List<Double> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  boolean ok;
                  try {
                    ok = op.run(client);
                  } catch (Exception e) {
                    // A failed request is an error of the run, not the end of the benchmark.
                    System.out.println("  request failed: " + e);
                    ok = false;
                  }
                  latencies.add((System.nanoTime() - t0) / 1e6);
                  if (!ok) {
                    errors.incrementAndGet();
                  }
                }
                return latencies;
              }));
    }
    List<Double> all = new ArrayList<>();
    try {
      for (Future<List<Double>> f : futures) {
        all.addAll(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    return new Run(
        clients,
        all.size(),
        errors.get(),
        (System.nanoTime() - start) / 1e9,
        all.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** What {@code SearchRepository#search} does, over a connection of the benchmark's own. */
  static long direct(Connection c, SearchCriteria criteria) throws SQLException {
    SearchRepository.Statements statements = SearchRepository.statements(criteria);
    int hits = 0;
    try (PreparedStatement s = prepare(c, statements.pageSql(), statements.pageParameters());
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rs.getString(1);
        rs.getDouble(2);
        FileText.highlight(rs.getString(3));
        hits++;
      }
    }
    if (criteria.offset() == 0 && hits < criteria.limit()) {
      return hits;
    }
    try (PreparedStatement s = prepare(c, statements.countSql(), statements.countParameters());
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Binds as {@code SearchRepository#prepare} does: String[] as a text array. */
  static PreparedStatement prepare(Connection c, String sql, List<Object> parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      Object value = parameters.get(i);
      if (value instanceof String[] array) {
        s.setArray(i + 1, c.createArrayOf("text", array));
      } else {
        s.setObject(i + 1, value);
      }
    }
    return s;
  }

  record Measured(Case c, long total, Run[] api, Run[] sql, boolean countRuns) {}

  static void run(String token, long rows, int seconds) throws Exception {
    load(rows);
    Jsonb jsonb = JsonbConfigResolver.create();
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < CLIENTS[CLIENTS.length - 1]; i++) {
      connections.add(connect());
    }
    long files;
    try (Statement s = connections.get(0).createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE status = 'active') FROM search_files"
                    + " WHERE NOT removed")) {
      rs.next();
      files = rs.getLong(1);
      System.out.printf(
          "search: %,d files in the index (%,d active)%n", rs.getLong(1), rs.getLong(2));
    }
    List<Case> cases = cases(connections.get(0));
    double warmUp = Math.max(2, seconds / 4.0);
    Pattern totalPattern = Pattern.compile("\"total\":(\\d+)");
    List<Measured> results = new ArrayList<>();
    StringBuilder plans = new StringBuilder();
    for (Case c : cases) {
      String body = jsonb.toJson(c.request());
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(QUERY + "/api/v1/search"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(120))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<String> first =
          Benchmarks.http().send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = totalPattern.matcher(first.body());
      if (first.statusCode() != 200 || !m.find()) {
        throw new IllegalStateException(
            c.name() + ": " + first.statusCode() + " " + first.body().substring(0, 300));
      }
      long total = Long.parseLong(m.group(1));
      SearchCriteria criteria = SearchCriteria.parse(c.request().input());
      long directTotal = direct(connections.get(0), criteria);
      if (directTotal != total) {
        throw new IllegalStateException(
            c.name() + ": the API found " + total + ", the direct SQL " + directTotal);
      }
      System.out.printf("%n%s: %,d matches; body %s%n", c.name(), total, body);
      Operation api =
          client -> {
            HttpResponse<byte[]> r;
            try {
              r = Benchmarks.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException e) {
              // A keep-alive connection the server closed while the direct SQL ran: the JDK
              // client does not retry a POST by itself.
              r = Benchmarks.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
            return r.statusCode() == 200;
          };
      Operation sql =
          client -> {
            direct(connections.get(client), SearchCriteria.parse(c.request().input()));
            return true;
          };
      measure(2, warmUp, api);
      Run[] apiRuns = new Run[CLIENTS.length];
      for (int i = 0; i < CLIENTS.length; i++) {
        apiRuns[i] = measure(CLIENTS[i], seconds, api);
        System.out.printf(
            "  API    %d client(s): p50/p95/p99 %s, errors %d%n",
            CLIENTS[i], apiRuns[i].cell(), apiRuns[i].errors());
      }
      measure(2, warmUp, sql);
      Run[] sqlRuns = new Run[CLIENTS.length];
      for (int i = 0; i < CLIENTS.length; i++) {
        sqlRuns[i] = measure(CLIENTS[i], seconds, sql);
        System.out.printf("  direct %d client(s): p50/p95/p99 %s%n", CLIENTS[i], sqlRuns[i].cell());
      }
      boolean countRuns = !(criteria.offset() == 0 && total < criteria.limit());
      results.add(new Measured(c, total, apiRuns, sqlRuns, countRuns));
      plans.append("### ").append(c.name()).append("\n\n").append(body).append("\n\n");
      plans.append(explain(connections.get(0), criteria, countRuns));
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "search-plans.txt"), plans, StandardCharsets.UTF_8);
    }
    for (Connection c : connections) {
      c.close();
    }
    String table = table(results, files);
    System.out.println();
    System.out.println(table);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "search-benchmark.md"), table, StandardCharsets.UTF_8);
    Files.writeString(Path.of("target", "search-plans.txt"), plans, StandardCharsets.UTF_8);
    System.out.println("plans: target/search-plans.txt; table: target/search-benchmark.md");
    for (Measured r : results) {
      if (!meets(r)) {
        String name = r.c().name();
        int at = plans.indexOf("### " + name);
        int next = plans.indexOf("\n### ", at + 1);
        System.out.println();
        System.out.println("Goal missed: " + name);
        System.out.println(plans.substring(at, next < 0 ? plans.length() : next));
      }
    }
  }

  static boolean meets(Measured r) {
    return r.api()[0].p(95) <= GOAL_P95_MS && ratio(r, 0) <= GOAL_RATIO;
  }

  static double ratio(Measured r, int i) {
    return r.api()[i].p(95) / r.sql()[i].p(95);
  }

  static String explain(Connection c, SearchCriteria criteria, boolean count) throws SQLException {
    SearchRepository.Statements statements = SearchRepository.statements(criteria);
    StringBuilder out = new StringBuilder();
    out.append("page:\n```\n")
        .append(plan(c, statements.pageSql(), statements.pageParameters()))
        .append("```\n\n");
    if (count) {
      out.append("count:\n```\n")
          .append(plan(c, statements.countSql(), statements.countParameters()))
          .append("```\n\n");
    }
    return out.toString();
  }

  private static String plan(Connection c, String sql, List<Object> parameters)
      throws SQLException {
    StringBuilder out = new StringBuilder();
    try (PreparedStatement s = prepare(c, "EXPLAIN (ANALYZE, BUFFERS) " + sql, parameters);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }

  static String table(List<Measured> results, long files) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Search over %,d indexed files; latency ms p50 / p95 / p99, throughput; goal (SPEC"
                + " §8, selective queries): API p95 ≤ %.0f ms at 1 client and ≤ %.0f× direct"
                + " SQL%n%n",
            files,
            GOAL_P95_MS,
            GOAL_RATIO));
    out.append(
        "| query | matches | API, 1 client | API, 8 clients | SQL, 1 conn | SQL, 8 conns |"
            + " API/SQL p95 (1 / 8) | API − SQL p50, 1 client | goal |\n");
    out.append("|---|---:|---|---|---|---|---|---:|---|\n");
    for (Measured r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s%s | %,d | %s | %s | %s | %s | %.2f / %.2f | %.1f ms | %s |%n",
              r.c().name(),
              r.countRuns() ? " ¹" : "",
              r.total(),
              r.api()[0].cell(),
              r.api()[1].cell(),
              r.sql()[0].cell(),
              r.sql()[1].cell(),
              ratio(r, 0),
              ratio(r, 1),
              r.api()[0].p(50) - r.sql()[0].p(50),
              !r.c().selective()
                  ? (meets(r) ? "(met)" : "(not selective)")
                  : meets(r) ? "met" : "**missed**"));
    }
    out.append("\n¹ a second statement counts the matches (the page is full or not the first).\n");
    return out.toString();
  }
}
