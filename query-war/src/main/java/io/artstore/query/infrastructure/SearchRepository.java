package io.artstore.query.infrastructure;

import io.artstore.query.domain.FileText;
import io.artstore.query.domain.SearchCriteria;
import io.artstore.shared.infrastructure.db.Jdbc;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The search's SQL over the index: one statement for the page, one for the total, both built from
 * the same conditions. Every value is a bind parameter; only fixed fragments are concatenated.
 */
@ApplicationScoped
public class SearchRepository {
  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  /** One hit: the file's record (JSON), its score and snippet (fulltext only). */
  public record Hit(String document, Double score, String snippet) {}

  /** The statements a search runs, for the page and for the total. */
  public record Statements(
      String pageSql, List<Object> pageParameters, String countSql, List<Object> countParameters) {}

  /** A page of hits and how many match in all. */
  public record Result(List<Hit> hits, long total) {}

  public Result search(SearchCriteria criteria) {
    Statements statements = statements(criteria);
    try (Connection c = dataSource.getConnection()) {
      List<Hit> hits = new ArrayList<>();
      try (PreparedStatement s = prepare(c, statements.pageSql(), statements.pageParameters());
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String document = rs.getString(1);
          double score = rs.getDouble(2);
          Double scored = rs.wasNull() ? null : score;
          hits.add(new Hit(document, scored, FileText.highlight(rs.getString(3))));
        }
      }
      long total;
      if (criteria.offset() == 0 && hits.size() < criteria.limit()) {
        total = hits.size(); // the page holds every match: no second statement
      } else {
        try (PreparedStatement s = prepare(c, statements.countSql(), statements.countParameters());
            ResultSet rs = s.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new Result(hits, total);
    } catch (SQLException e) {
      throw new IllegalStateException("Search failed", e);
    }
  }

  /** The SQL of a search (also what the benchmark runs directly). */
  public static Statements statements(SearchCriteria criteria) {
    List<String> where = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    where.add("NOT f.removed");
    String from = "search_files f";
    List<Object> fromParameters = new ArrayList<>();
    String score = "NULL::float8";
    String snippet = "NULL::text";
    if (criteria.query() != null) {
      String text = FileText.lower(criteria.query());
      switch (criteria.mode()) {
        case FULLTEXT -> {
          from +=
              ", (SELECT websearch_to_tsquery('russian', ?) || websearch_to_tsquery('simple', ?)"
                  + " AS tsq) q";
          fromParameters.add(text);
          fromParameters.add(text);
          where.add("f.search_vector @@ q.tsq");
          score = "ts_rank(f.search_vector, q.tsq)";
          snippet =
              "ts_headline('russian', concat_ws(' — ', regexp_replace(f.original_filename,"
                  + " '[._-]+', ' ', 'g'), f.description),"
                  + " q.tsq, 'StartSel=\"\u0002\", StopSel=\"\u0003\", MaxWords=35, MinWords=12,"
                  + " MaxFragments=2, FragmentDelimiter=\" … \"')";
        }
        case PARTIAL -> {
          where.add("f.filename_lower LIKE ?");
          parameters.add(FileText.containsPattern(criteria.query()));
          score = "similarity(f.filename_lower, ?)";
          fromParameters.add(text);
        }
        case EXACT -> {
          where.add("f.filename_lower = ? AND f.original_filename = ?");
          parameters.add(text);
          parameters.add(criteria.query());
        }
      }
    }
    filters(criteria, where, parameters);
    String conditions = String.join(" AND ", where);
    String order =
        switch (criteria.sortBy()) {
          case RELEVANCE -> "score";
          case CREATED_AT -> "f.created_at";
          case SIZE -> "f.size_bytes";
          case FILENAME -> "f.filename_lower";
        };
    String direction = criteria.ascending() ? " ASC NULLS FIRST" : " DESC NULLS LAST";
    // The snippet is cut only for the page's rows: ts_headline is the costly part of a search.
    String pageOrder =
        order + direction + ", f.file_id" + (criteria.ascending() ? " ASC" : " DESC");
    // The matches are sorted on their keys alone; the document and the snippet (ts_headline, the
    // costly part) are read only for the page's rows: at a deep offset most sorted rows are
    // skipped, and converting each one's document would dominate the search.
    String pageSql =
        "SELECT d.document::text, p.score, "
            + snippet.replace("f.", "d.")
            + " FROM (SELECT f.file_id, "
            + score
            + " AS score, f.created_at, f.size_bytes, f.filename_lower FROM "
            + from
            + " WHERE "
            + conditions
            + " ORDER BY "
            + pageOrder
            + " LIMIT ? OFFSET ?) p JOIN search_files d ON d.file_id = p.file_id"
            + (criteria.ranked()
                ? ", (SELECT websearch_to_tsquery('russian', ?) ||"
                    + " websearch_to_tsquery('simple', ?) AS tsq) q"
                : "")
            + " ORDER BY "
            + pageOrder.replace("f.", "p.");
    List<Object> pageParameters = new ArrayList<>();
    // Bind order follows the text: the score (partial) or the tsquery (fulltext), the WHERE, the
    // page, and the snippet's tsquery.
    pageParameters.addAll(fromParameters);
    pageParameters.addAll(parameters);
    pageParameters.add(criteria.limit());
    pageParameters.add(criteria.offset());
    if (criteria.ranked()) {
      pageParameters.addAll(fromParameters);
    }
    String countFrom =
        criteria.ranked()
            ? "search_files f, (SELECT websearch_to_tsquery('russian', ?) ||"
                + " websearch_to_tsquery('simple', ?) AS tsq) q"
            : "search_files f";
    List<Object> countParameters = new ArrayList<>();
    if (criteria.ranked()) {
      countParameters.addAll(fromParameters);
    }
    countParameters.addAll(parameters);
    return new Statements(
        pageSql,
        pageParameters,
        "SELECT count(*) FROM " + countFrom + " WHERE " + conditions,
        countParameters);
  }

  private static void filters(SearchCriteria c, List<String> where, List<Object> parameters) {
    if (!"any".equals(c.status())) {
      where.add("f.status = ?");
      parameters.add(c.status());
    }
    if (c.filename() != null) {
      where.add("f.filename_lower LIKE ?");
      parameters.add(FileText.containsPattern(c.filename()));
    }
    if (c.extension() != null) {
      where.add("f.extension = ?");
      parameters.add(c.extension());
    }
    if (c.contentType() != null) {
      if (c.contentType().endsWith("/*")) {
        where.add("f.content_type LIKE ?");
        parameters.add(
            FileText.prefixPattern(c.contentType().substring(0, c.contentType().length() - 1)));
      } else {
        where.add("f.content_type = ?");
        parameters.add(c.contentType());
      }
    }
    if (!c.tags().isEmpty()) {
      where.add("f.tags @> ?::text[]");
      parameters.add(c.tags().toArray(new String[0]));
    }
    if (c.uploadedBy() != null) {
      where.add("(f.uploaded_by_id = ? OR f.uploaded_by_name = ?)");
      parameters.add(c.uploadedBy());
      parameters.add(c.uploadedBy());
    }
    if (c.retentionPolicy() != null) {
      where.add("f.retention_policy = ?");
      parameters.add(c.retentionPolicy());
    }
    if (c.storageElementId() != null) {
      where.add("f.storage_element_id = ?");
      parameters.add(c.storageElementId());
    }
    if (c.minSize() != null) {
      where.add("f.size_bytes >= ?");
      parameters.add(c.minSize());
    }
    if (c.maxSize() != null) {
      where.add("f.size_bytes <= ?");
      parameters.add(c.maxSize());
    }
    if (c.createdAfter() != null) {
      where.add("f.created_at >= ?");
      parameters.add(Timestamp.from(c.createdAfter()));
    }
    if (c.createdBefore() != null) {
      where.add("f.created_at < ?");
      parameters.add(Timestamp.from(c.createdBefore()));
    }
    if (c.expiresBefore() != null) {
      where.add("f.expires_at < ?");
      parameters.add(Timestamp.from(c.expiresBefore()));
    }
    if (!c.metadata().isEmpty()) {
      where.add("f.metadata @> jsonb_object(?::text[], ?::text[])");
      parameters.add(c.metadata().keySet().toArray(new String[0]));
      parameters.add(c.metadata().values().toArray(new String[0]));
    }
  }

  /** Filename, tag and frequent-query completions of a prefix, each list best first. */
  public record Completions(List<String> filenames, List<String> tags, List<String> queries) {}

  public Completions complete(String prefix, int limit) {
    String pattern = FileText.prefixPattern(prefix);
    List<String> filenames =
        Jdbc.list(
            dataSource,
            "SELECT DISTINCT ON (filename_lower) original_filename FROM (SELECT"
                + " original_filename, filename_lower FROM search_files WHERE filename_lower"
                + " LIKE ? AND status = 'active' AND NOT removed ORDER BY filename_lower LIMIT ?)"
                + " n ORDER BY filename_lower",
            List.of(pattern, limit * 4),
            rs -> rs.getString(1));
    List<String> tags =
        Jdbc.list(
            dataSource,
            "SELECT tag FROM search_tags WHERE tag_lower LIKE ? ORDER BY files DESC, tag LIMIT ?",
            List.of(pattern, limit),
            rs -> rs.getString(1));
    List<String> queries =
        Jdbc.list(
            dataSource,
            "SELECT query FROM search_queries WHERE query_lower LIKE ? ORDER BY hits DESC,"
                + " query_lower LIMIT ?",
            List.of(pattern, limit),
            rs -> rs.getString(1));
    return new Completions(filenames, tags, queries);
  }

  /** Adds how often each full-text query was asked (and found something). */
  public void recordQueries(Map<String, Long> counts) throws SQLException {
    if (counts.isEmpty()) {
      return;
    }
    Jdbc.inTransaction(
        dataSource,
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO search_queries (query_lower, query, hits, last_at) VALUES (?, ?,"
                      + " ?, now()) ON CONFLICT (query_lower) DO UPDATE SET hits ="
                      + " search_queries.hits + EXCLUDED.hits, query = EXCLUDED.query, last_at ="
                      + " now()")) {
            for (var entry : new java.util.TreeMap<>(counts).entrySet()) {
              s.setString(1, FileText.lower(entry.getKey()));
              s.setString(2, entry.getKey());
              s.setLong(3, entry.getValue());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  private static PreparedStatement prepare(Connection c, String sql, List<Object> parameters)
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
}
