package io.artstore.query.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a download through the query service passes on (SPEC §6: the element's HTTP semantics,
 * unchanged): the request headers the element's download evaluates, the response headers that
 * describe its answer, and what each of the element's statuses means for the caller and for the
 * element's circuit breaker.
 */
public final class DownloadRelay {
  /** Request headers sent on to the element (the ones its download evaluates). */
  public static final List<String> FORWARDED =
      List.of("Range", "If-Range", "If-None-Match", "If-Modified-Since", "Accept-Encoding");

  /** Response headers relayed from the element, in this spelling. */
  public static final List<String> RELAYED =
      List.of(
          "Content-Type",
          "Content-Length",
          "Content-Range",
          "Accept-Ranges",
          "ETag",
          "Last-Modified",
          "Content-Disposition",
          "Content-Encoding",
          "Vary",
          "Repr-Digest",
          "X-Content-Type-Options",
          "Cache-Control");

  /** What an element's answer means. */
  public enum Outcome {
    /** The element's answer is the download's answer: status, headers and body as they are. */
    RELAY,
    /** The element does not have the file (any more): 404, whatever the index says. */
    NOT_FOUND,
    /** The element refused the query service's token: fetch a fresh one and ask once more. */
    TOKEN_REFUSED,
    /** The element failed (5xx): a failure of the element for its breaker, 503 to the caller. */
    ELEMENT_FAILED,
    /**
     * An answer the download never gives (403, 405, a redirect...): the element refused the query
     * service itself. Not the element's failure (it answered), not the caller's fault either.
     */
    UNEXPECTED
  }

  private DownloadRelay() {}

  /** What the element's status means. Only 5xx counts against the element's breaker. */
  public static Outcome outcome(int status) {
    if (status >= 500) {
      return Outcome.ELEMENT_FAILED;
    }
    return switch (status) {
      case 200, 206, 304, 400, 409, 412, 416 -> Outcome.RELAY;
      case 404, 410 -> Outcome.NOT_FOUND;
      case 401 -> Outcome.TOKEN_REFUSED;
      default -> Outcome.UNEXPECTED;
    };
  }

  /** Whether a relayed answer has a body to stream (not a 304, not a HEAD). */
  public static boolean hasBody(int status, boolean head) {
    return !head && status != 304 && status != 204;
  }

  /** The metric result of a relayed status. */
  public static String result(int status) {
    return switch (status) {
      case 200, 206 -> "ok";
      case 304 -> "not_modified";
      case 404 -> "not_found";
      case 416 -> "range_not_satisfiable";
      default -> status >= 500 ? "unavailable" : "refused";
    };
  }

  /**
   * The forwarded request headers that the caller sent (blank values dropped), in {@link
   * #FORWARDED}'s order.
   */
  public static Map<String, String> forwarded(Function<String, String> requestHeader) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : FORWARDED) {
      String value = requestHeader.apply(name);
      if (value != null && !value.isBlank()) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  /**
   * The relayed headers of the element's answer (names matched case-insensitively: HTTP/1.1 header
   * names are, and HTTP/2 ones are lower case), in {@link #RELAYED}'s spelling and order.
   */
  public static Map<String, List<String>> relayed(Map<String, List<String>> elementHeaders) {
    Map<String, List<String>> byLowerName = new LinkedHashMap<>();
    elementHeaders.forEach(
        (name, values) -> {
          if (name != null && values != null) {
            byLowerName
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                .addAll(values);
          }
        });
    Map<String, List<String>> relayed = new LinkedHashMap<>();
    for (String name : RELAYED) {
      List<String> values = byLowerName.get(name.toLowerCase(Locale.ROOT));
      if (values != null && !values.isEmpty()) {
        relayed.put(name, List.copyOf(values));
      }
    }
    return relayed;
  }
}
