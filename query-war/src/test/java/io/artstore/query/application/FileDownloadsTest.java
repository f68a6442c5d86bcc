package io.artstore.query.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.query.infrastructure.ElementDownloadClient;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.discovery.DiscoveredElement;
import io.artstore.shared.discovery.DiscoveryClient;
import io.artstore.shared.resilience.CircuitBreaker;
import io.artstore.shared.security.ServiceTokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The download use case's decisions, with the element, discovery and the catalog faked. */
class FileDownloadsTest {
  private static final UUID ID = UUID.randomUUID();

  private final Map<UUID, StoredFile> files = new HashMap<>();
  private final List<DiscoveredElement> elements = new ArrayList<>();
  private final List<Object> answers = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private final List<String> results = new ArrayList<>();
  private final List<String> tokensHandedOut = new ArrayList<>();
  private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30));
  private int refreshes;
  private FileDownloads downloads;

  @BeforeEach
  void wire() {
    downloads = new FileDownloads();
    downloads.catalog =
        new FileCatalog() {
          @Override
          public Optional<StoredFile> find(UUID id) {
            return Optional.ofNullable(files.get(id));
          }
        };
    downloads.discovery =
        new DiscoveryClient() {
          @Override
          public List<DiscoveredElement> elements() {
            return List.copyOf(elements);
          }

          @Override
          public void refreshNow() {
            refreshes++;
          }
        };
    downloads.breakers =
        new ElementBreakers() {
          @Override
          public CircuitBreaker of(String elementId) {
            return breaker;
          }
        };
    downloads.client =
        new ElementDownloadClient() {
          @Override
          public Answer download(
              String elementUrl,
              UUID fileId,
              boolean head,
              Map<String, String> headers,
              String token)
              throws IOException {
            calls.add((head ? "HEAD " : "GET ") + elementUrl + " " + headers + " " + token);
            Object next = answers.remove(0);
            if (next instanceof IOException e) {
              throw e;
            }
            return (Answer) next;
          }
        };
    downloads.tokens =
        new ServiceTokens() {
          private int issued;

          @Override
          public synchronized String token() {
            String token = "token-" + issued;
            tokensHandedOut.add(token);
            return token;
          }

          @Override
          public synchronized void invalidate() {
            issued++;
          }
        };
    QuerySettings settings = new QuerySettings();
    settings.retryAfter = "17s";
    downloads.settings = settings;
    downloads.metrics =
        new QueryMetrics() {
          @Override
          public void download(String result) {
            results.add(result);
          }
        };
    files.put(ID, file("active", "se-a"));
    elements.add(element("se-a", "http://localhost:9001"));
  }

  @Test
  void theElementsAnswerIsRelayedWithItsHeadersAndBodyStream() throws IOException {
    answers.add(
        answer(
            206,
            Map.of(
                "content-range", List.of("bytes 0-1/10"),
                "content-length", List.of("2"),
                "x-request-id", List.of("r")),
            "ab"));
    FileDownloads.Download download = downloads.download(ID, false, Map.of("Range", "bytes=0-1"));
    assertEquals(206, download.status());
    assertEquals(
        Map.of("Content-Length", List.of("2"), "Content-Range", List.of("bytes 0-1/10")),
        download.headers());
    assertEquals("ab", new String(download.stream().readAllBytes(), StandardCharsets.UTF_8));
    assertNull(download.content());
    assertEquals(List.of("GET http://localhost:9001 {Range=bytes=0-1} token-0"), calls);
    assertEquals(List.of("ok"), results);
  }

  @Test
  void anErrorBodyIsReadAndItsLengthLeftToTheContainer() {
    answers.add(
        answer(
            416,
            Map.of(
                "Content-Type", List.of("application/problem+json"),
                "Content-Length", List.of("9"),
                "Content-Range", List.of("bytes */10")),
            "{\"a\":\"b\"}"));
    FileDownloads.Download download = downloads.download(ID, false, Map.of());
    assertEquals(416, download.status());
    assertEquals("{\"a\":\"b\"}", new String(download.content(), StandardCharsets.UTF_8));
    assertNull(download.stream());
    assertEquals(
        Map.of(
            "Content-Type",
            List.of("application/problem+json"),
            "Content-Range",
            List.of("bytes */10")),
        download.headers());
    assertEquals(List.of("range_not_satisfiable"), results);
  }

  @Test
  void headAndNotModifiedHaveNoBody() {
    answers.add(answer(200, Map.of("Content-Length", List.of("10")), ""));
    FileDownloads.Download head = downloads.download(ID, true, Map.of());
    assertNull(head.stream());
    assertNull(head.content());
    assertEquals(Map.of("Content-Length", List.of("10")), head.headers());
    assertTrue(calls.get(0).startsWith("HEAD "), calls.toString());
    answers.add(answer(304, Map.of("ETag", List.of("\"e\"")), ""));
    FileDownloads.Download notModified = downloads.download(ID, false, Map.of());
    assertEquals(304, notModified.status());
    assertNull(notModified.stream());
  }

  @Test
  void unknownDeletedAndExpiredFilesAre404WithoutCallingTheElement() {
    assertProblem(
        404, ProblemCode.NOT_FOUND, () -> downloads.download(UUID.randomUUID(), false, Map.of()));
    files.put(ID, file("deleted", "se-a"));
    assertProblem(404, ProblemCode.NOT_FOUND, () -> downloads.download(ID, false, Map.of()));
    files.put(ID, file("expired", "se-a"));
    assertProblem(404, ProblemCode.NOT_FOUND, () -> downloads.download(ID, false, Map.of()));
    assertEquals(List.of(), calls);
    assertEquals(List.of("not_found", "not_found", "not_found"), results);
  }

  @Test
  void theElementIsTheTruth404IsNotFound() {
    answers.add(answer(404, Map.of("Content-Type", List.of("application/problem+json")), "{}"));
    assertProblem(404, ProblemCode.NOT_FOUND, () -> downloads.download(ID, false, Map.of()));
    assertEquals(0, breaker.consecutiveFailures(), "a 404 is an answer");
  }

  @Test
  void anElementDiscoveryDoesNotKnowIs503AfterAskingDiscoveryAgain() {
    elements.clear();
    ApiException e =
        assertProblem(
            503, ProblemCode.SE_UNAVAILABLE, () -> downloads.download(ID, false, Map.of()));
    assertEquals("17", e.headers().get("Retry-After"));
    assertEquals(1, refreshes);
    assertEquals(List.of(), calls);
    assertEquals(List.of("unavailable"), results);
  }

  @Test
  void unreachableAndFailingElementsOpenTheBreakerWhichThenSkipsTheCall() {
    answers.add(new ConnectException("refused"));
    answers.add(answer(500, Map.of(), "{}"));
    answers.add(new java.net.http.HttpTimeoutException("no answer"));
    for (int i = 0; i < 3; i++) {
      ApiException e =
          assertProblem(
              503, ProblemCode.SE_UNAVAILABLE, () -> downloads.download(ID, false, Map.of()));
      assertEquals("17", e.headers().get("Retry-After"));
    }
    assertEquals(CircuitBreaker.State.OPEN, breaker.state(Instant.now()));
    assertProblem(503, ProblemCode.SE_UNAVAILABLE, () -> downloads.download(ID, false, Map.of()));
    assertEquals(3, calls.size(), "an open breaker does not call the element");
  }

  @Test
  void clientErrorsDoNotCountAgainstTheElement() {
    answers.add(new ConnectException("refused"));
    answers.add(new ConnectException("refused"));
    for (int i = 0; i < 2; i++) {
      assertProblem(503, ProblemCode.SE_UNAVAILABLE, () -> downloads.download(ID, false, Map.of()));
    }
    answers.add(answer(416, Map.of(), "{}"));
    downloads.download(ID, false, Map.of());
    assertEquals(0, breaker.consecutiveFailures(), "the element answered");
    answers.add(answer(409, Map.of(), "{}"));
    assertEquals(409, downloads.download(ID, false, Map.of()).status());
    assertEquals(CircuitBreaker.State.CLOSED, breaker.state(Instant.now()));
  }

  @Test
  void aRefusedTokenIsRenewedOnceThenTheElementRefusingUsIs502() {
    answers.add(answer(401, Map.of(), ""));
    answers.add(answer(200, Map.of(), "x"));
    assertEquals(200, downloads.download(ID, false, Map.of()).status());
    assertEquals(List.of("token-0", "token-1"), tokensHandedOut);

    answers.add(answer(401, Map.of(), ""));
    answers.add(answer(403, Map.of(), ""));
    assertProblem(502, ProblemCode.SE_UNAVAILABLE, () -> downloads.download(ID, false, Map.of()));
    assertEquals(0, breaker.consecutiveFailures());
  }

  private ApiException assertProblem(int status, ProblemCode code, Runnable action) {
    ApiException e = assertThrows(ApiException.class, action::run);
    assertEquals(status, e.status());
    assertEquals(code, e.code());
    return e;
  }

  private static ElementDownloadClient.Answer answer(
      int status, Map<String, List<String>> headers, String body) {
    InputStream in = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    return new ElementDownloadClient.Answer(status, headers, in);
  }

  private static DiscoveredElement element(String id, String url) {
    return new DiscoveredElement(
        UUID.randomUUID().toString(),
        id,
        id,
        url,
        "edit",
        "online",
        "local",
        100,
        1000,
        0,
        1000,
        0,
        Instant.now());
  }

  private static StoredFile file(String status, String elementId) {
    return new StoredFile(
        "2",
        ID.toString(),
        "a.bin",
        null,
        null,
        10,
        "application/octet-stream",
        null,
        null,
        null,
        null,
        null,
        List.of(),
        Map.of(),
        "temporary",
        1,
        null,
        status,
        elementId,
        1,
        null,
        null,
        null);
  }
}
