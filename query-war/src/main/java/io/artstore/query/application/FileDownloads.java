package io.artstore.query.application;

import io.artstore.query.domain.DownloadRelay;
import io.artstore.query.infrastructure.ElementDownloadClient;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.discovery.DiscoveredElement;
import io.artstore.shared.discovery.DiscoveryClient;
import io.artstore.shared.resilience.CircuitBreaker;
import io.artstore.shared.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A file's download through the query service (SPEC §6): the file's record says which element holds
 * it (an unknown file, or one not {@code active}, is 404), discovery says where that element is,
 * the element's circuit breaker says whether to call it, and the element's answer is the answer:
 * its status, its headers ({@link DownloadRelay#RELAYED}) and its body, streamed. An element that
 * is unknown, unreachable, slow to answer, failing (5xx) or behind an open breaker gives 503
 * SE_UNAVAILABLE with Retry-After.
 */
@ApplicationScoped
public class FileDownloads {
  private static final Logger LOG = Logger.getLogger(FileDownloads.class.getName());

  /** The most of an error body (problem+json) relayed. */
  static final int MAX_ERROR_BODY = 64 * 1024;

  @Inject FileCatalog catalog;
  @Inject DiscoveryClient discovery;
  @Inject ElementBreakers breakers;
  @Inject ElementDownloadClient client;
  @Inject ServiceTokens tokens;
  @Inject QuerySettings settings;
  @Inject QueryMetrics metrics;

  /**
   * The element's answer to relay. Exactly one of: {@code stream} (a body to stream, closed by
   * whoever reads it), {@code content} (a small error body, read already), neither (a HEAD, a 304).
   */
  public record Download(
      int status, Map<String, List<String>> headers, InputStream stream, byte[] content) {}

  /**
   * Asks the file's element.
   *
   * @param forwarded the caller's headers to pass on ({@link DownloadRelay#forwarded})
   * @throws ApiException 404 NOT_FOUND, 503 SE_UNAVAILABLE, 503 SERVICE_UNAVAILABLE (no token for
   *     the element), 502 SE_UNAVAILABLE (the element refused this service)
   */
  public Download download(UUID fileId, boolean head, Map<String, String> forwarded) {
    try {
      Download download = relay(fileId, head, forwarded);
      metrics.download(DownloadRelay.result(download.status()));
      return download;
    } catch (ApiException e) {
      metrics.download(
          switch (e.status()) {
            case 404 -> "not_found";
            case 503 -> "unavailable";
            default -> "element_error";
          });
      throw e;
    }
  }

  private Download relay(UUID fileId, boolean head, Map<String, String> forwarded) {
    StoredFile file =
        catalog
            .find(fileId)
            .filter(f -> "active".equals(f.status()))
            .orElseThrow(() -> ApiException.notFound("No file " + fileId + "."));
    String elementId = file.storageElementId();
    DiscoveredElement element =
        locate(elementId)
            .orElseThrow(
                () -> unavailable("The file's storage element is not known to discovery."));
    CircuitBreaker breaker = breakers.of(elementId);
    ElementDownloadClient.Answer answer = call(element, breaker, fileId, head, forwarded, token());
    if (DownloadRelay.outcome(answer.status()) == DownloadRelay.Outcome.TOKEN_REFUSED) {
      // A token of a key since retired, say: once more with a fresh one.
      answer.close();
      tokens.invalidate();
      answer = call(element, breaker, fileId, head, forwarded, token());
    }
    int status = answer.status();
    switch (DownloadRelay.outcome(status)) {
      case RELAY -> {
        return toDownload(answer, head);
      }
      case NOT_FOUND -> {
        // The element is the truth: the index is a moment behind (or the file is gone for good).
        answer.close();
        throw ApiException.notFound("No file " + fileId + ".");
      }
      case ELEMENT_FAILED -> {
        answer.close();
        throw unavailable("The file's storage element failed.");
      }
      default -> {
        answer.close();
        LOG.warning(
            () ->
                "Storage element "
                    + elementId
                    + " answered HTTP "
                    + status
                    + " to this service's download of "
                    + fileId);
        throw new ApiException(
            ProblemCode.SE_UNAVAILABLE,
            502,
            "The file's storage element refused the query service.",
            List.of(),
            Map.of());
      }
    }
  }

  /** The element in the discovery snapshot; asks the sources once more when it is not there. */
  private Optional<DiscoveredElement> locate(String elementId) {
    if (elementId == null) {
      return Optional.empty();
    }
    Optional<DiscoveredElement> found = find(elementId);
    if (found.isEmpty()) {
      discovery.refreshNow();
      found = find(elementId);
    }
    return found;
  }

  private Optional<DiscoveredElement> find(String elementId) {
    return discovery.elements().stream()
        .filter(e -> elementId.equals(e.elementId()))
        .filter(e -> e.apiUrl() != null && !e.apiUrl().isBlank())
        .findFirst();
  }

  private ElementDownloadClient.Answer call(
      DiscoveredElement element,
      CircuitBreaker breaker,
      UUID fileId,
      boolean head,
      Map<String, String> forwarded,
      String token) {
    if (!breaker.allowRequest(Instant.now())) {
      throw unavailable("The file's storage element is unavailable (circuit open).");
    }
    ElementDownloadClient.Answer answer;
    try {
      answer = client.download(element.apiUrl(), fileId, head, forwarded, token);
    } catch (IOException | RuntimeException e) {
      breaker.onFailure(Instant.now());
      LOG.log(
          Level.INFO,
          "Storage element " + element.elementId() + " unreachable for a download: " + e,
          LOG.isLoggable(Level.FINE) ? e : null);
      throw unavailable("The file's storage element is unreachable.");
    } catch (InterruptedException e) {
      // Not the element's fault; releases a half-open trial without judging the element.
      breaker.onFailure(Instant.now());
      Thread.currentThread().interrupt();
      throw unavailable("The download was interrupted.");
    }
    if (DownloadRelay.outcome(answer.status()) == DownloadRelay.Outcome.ELEMENT_FAILED) {
      breaker.onFailure(Instant.now());
    } else {
      // It answered: a 4xx is the request's matter, not the element's health.
      breaker.onSuccess();
    }
    return answer;
  }

  private Download toDownload(ElementDownloadClient.Answer answer, boolean head) {
    int status = answer.status();
    Map<String, List<String>> headers = DownloadRelay.relayed(answer.headers());
    if (!DownloadRelay.hasBody(status, head)) {
      answer.close();
      return new Download(status, headers, null, null);
    }
    if (status >= 400) {
      // A problem+json of a few hundred bytes: read it, relay it as it is (its length is the
      // container's to set).
      byte[] content;
      try {
        content = answer.readSmall(MAX_ERROR_BODY);
      } catch (IOException e) {
        throw unavailable("The file's storage element broke off its answer.");
      }
      Map<String, List<String>> withoutLength = new LinkedHashMap<>(headers);
      withoutLength.remove("Content-Length");
      return new Download(status, withoutLength, null, content);
    }
    return new Download(status, headers, answer.body(), null);
  }

  private String token() {
    try {
      return tokens.token();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "No service token for a download: " + e.getMessage());
      throw retryLater(
          ProblemCode.SERVICE_UNAVAILABLE, "The query service cannot authenticate right now.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw retryLater(ProblemCode.SERVICE_UNAVAILABLE, "The download was interrupted.");
    }
  }

  private ApiException unavailable(String detail) {
    return retryLater(ProblemCode.SE_UNAVAILABLE, detail);
  }

  /** A 503 the client may retry, with {@code Retry-After} in seconds. */
  private ApiException retryLater(ProblemCode code, String detail) {
    return new ApiException(
        code,
        503,
        detail,
        List.of(),
        Map.of("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds()))));
  }
}
