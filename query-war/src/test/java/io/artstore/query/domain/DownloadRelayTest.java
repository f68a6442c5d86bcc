package io.artstore.query.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.query.domain.DownloadRelay.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DownloadRelayTest {

  @Test
  void theElementsDownloadAnswersAreRelayedAsTheyAre() {
    for (int status : new int[] {200, 206, 304, 400, 409, 412, 416}) {
      assertEquals(Outcome.RELAY, DownloadRelay.outcome(status), "HTTP " + status);
    }
  }

  @Test
  void onlyServerErrorsCountAgainstTheElement() {
    for (int status : new int[] {500, 502, 503, 504, 507}) {
      assertEquals(Outcome.ELEMENT_FAILED, DownloadRelay.outcome(status), "HTTP " + status);
    }
    for (int status : new int[] {200, 206, 304, 400, 401, 403, 404, 405, 409, 410, 412, 416, 429}) {
      assertFalse(
          DownloadRelay.outcome(status) == Outcome.ELEMENT_FAILED,
          "HTTP " + status + " is an answer, not a failure of the element");
    }
  }

  @Test
  void missingOnTheElementIsNotFoundAndARefusedTokenIsRetried() {
    assertEquals(Outcome.NOT_FOUND, DownloadRelay.outcome(404));
    assertEquals(Outcome.NOT_FOUND, DownloadRelay.outcome(410));
    assertEquals(Outcome.TOKEN_REFUSED, DownloadRelay.outcome(401));
    assertEquals(Outcome.UNEXPECTED, DownloadRelay.outcome(403));
    assertEquals(Outcome.UNEXPECTED, DownloadRelay.outcome(302));
    assertEquals(Outcome.UNEXPECTED, DownloadRelay.outcome(405));
  }

  @Test
  void bodiesAreStreamedExceptForHeadAndNotModified() {
    assertTrue(DownloadRelay.hasBody(200, false));
    assertTrue(DownloadRelay.hasBody(206, false));
    assertTrue(DownloadRelay.hasBody(416, false));
    assertFalse(DownloadRelay.hasBody(200, true));
    assertFalse(DownloadRelay.hasBody(416, true));
    assertFalse(DownloadRelay.hasBody(304, false));
  }

  @Test
  void onlyTheHeadersTheElementEvaluatesAreForwarded() {
    Map<String, String> request = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.put("range", "bytes=0-99");
    request.put("If-Range", "\"abc\"");
    request.put("If-None-Match", "  ");
    request.put("Accept-Encoding", "gzip");
    request.put("Authorization", "Bearer caller");
    request.put("Cookie", "x=y");
    request.put("X-Request-Id", "r-1");
    Map<String, String> forwarded = DownloadRelay.forwarded(request::get);
    assertEquals(
        List.of("Range", "If-Range", "Accept-Encoding"), List.copyOf(forwarded.keySet()), "order");
    assertEquals("bytes=0-99", forwarded.get("Range"));
    assertEquals("\"abc\"", forwarded.get("If-Range"));
    assertEquals("gzip", forwarded.get("Accept-Encoding"));
  }

  @Test
  void theDescribingResponseHeadersAreRelayedWhateverTheirCase() {
    Map<String, List<String>> element = new LinkedHashMap<>();
    element.put("content-type", List.of("application/pdf"));
    element.put("content-length", List.of("100"));
    element.put("Content-Range", List.of("bytes 0-99/5000"));
    element.put("accept-ranges", List.of("bytes"));
    element.put("etag", List.of("\"sha256-abc\""));
    element.put("last-modified", List.of("Tue, 03 Mar 2026 10:00:00 GMT"));
    element.put("content-disposition", List.of("attachment; filename=\"a.pdf\""));
    element.put("content-encoding", List.of("gzip"));
    element.put("vary", List.of("Accept-Encoding"));
    element.put("repr-digest", List.of("sha-256=:AAAA:"));
    element.put("x-content-type-options", List.of("nosniff"));
    element.put("cache-control", List.of("private"));
    element.put("x-request-id", List.of("r-1"));
    element.put("set-cookie", List.of("s=1"));
    element.put("transfer-encoding", List.of("chunked"));
    element.put("connection", List.of("keep-alive"));
    element.put("date", List.of("Tue, 03 Mar 2026 10:00:01 GMT"));
    element.put(null, List.of("HTTP/1.1 206 Partial Content"));

    Map<String, List<String>> relayed = DownloadRelay.relayed(element);

    assertEquals(DownloadRelay.RELAYED, List.copyOf(relayed.keySet()));
    assertEquals(List.of("\"sha256-abc\""), relayed.get("ETag"));
    assertEquals(List.of("bytes 0-99/5000"), relayed.get("Content-Range"));
    assertEquals(List.of("100"), relayed.get("Content-Length"));
  }

  @Test
  void absentHeadersStayAbsent() {
    Map<String, List<String>> relayed =
        DownloadRelay.relayed(
            Map.of(
                "ETag", List.of("\"e\""),
                "Accept-Ranges", List.of("bytes"),
                "Vary", List.of()));
    assertEquals(Map.of("Accept-Ranges", List.of("bytes"), "ETag", List.of("\"e\"")), relayed);
  }

  @Test
  void metricResults() {
    assertEquals("ok", DownloadRelay.result(200));
    assertEquals("ok", DownloadRelay.result(206));
    assertEquals("not_modified", DownloadRelay.result(304));
    assertEquals("not_found", DownloadRelay.result(404));
    assertEquals("range_not_satisfiable", DownloadRelay.result(416));
    assertEquals("refused", DownloadRelay.result(409));
    assertEquals("refused", DownloadRelay.result(412));
  }
}
