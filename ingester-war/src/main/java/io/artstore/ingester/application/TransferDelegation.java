package io.artstore.ingester.application;

import io.artstore.ingester.domain.TransferLocation;
import io.artstore.ingester.infrastructure.AdminTransfersClient;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Transfers and finalize through the ingester (SPEC §5.4): the coordinator sits with admin, so the
 * ingester forwards each request there with the caller's own {@code Authorization} (admin checks
 * roles and ownership again) and relays admin's answer as it is — status, body (problem+json
 * included), {@code X-Transfer-Id}, {@code Retry-After} — except that a {@code Location} naming a
 * transfer is rewritten to the ingester's own {@code /api/v1/transfers/{id}}. Only an admin that
 * cannot be reached is the ingester's own answer: 503 SERVICE_UNAVAILABLE.
 */
@ApplicationScoped
public class TransferDelegation {
  private static final Logger LOG = Logger.getLogger(TransferDelegation.class.getName());

  @Inject AdminTransfersClient admin;
  @Inject IngestSettings settings;

  /** What goes back to the caller: admin's answer, its Location on the ingester. */
  public record Relayed(int status, String contentType, String body, Map<String, String> headers) {}

  /** POST /api/v1/transfers: the request body goes to admin as it came. */
  public Relayed start(String request, String callerAuthorization, URI ingesterBase) {
    AdminTransfersClient.Answer answer;
    try {
      answer = admin.start(callerAuthorization, request == null ? "" : request);
    } catch (IOException e) {
      throw unavailable(e, "The transfer may not have started; check before asking again.");
    }
    return relay(answer, ingesterBase);
  }

  /** GET /api/v1/transfers/{id}. */
  public Relayed get(String id, String callerAuthorization, URI ingesterBase) {
    UUID transferId = uuid(id, "No transfer " + id + ".");
    AdminTransfersClient.Answer answer;
    try {
      answer = admin.get(callerAuthorization, transferId);
    } catch (IOException e) {
      throw unavailable(e, "Ask again later.");
    }
    return relay(answer, ingesterBase);
  }

  /**
   * POST /api/v1/files/{id}/finalize: an empty body means "admin picks the rw element"; admin
   * answers once the file has moved, which may take long (the finalize timeout).
   */
  public Relayed finalizeFile(
      String id, String request, String callerAuthorization, URI ingesterBase) {
    UUID fileId = uuid(id, "No file " + id + ".");
    AdminTransfersClient.Answer answer;
    try {
      answer =
          admin.finalizeFile(
              callerAuthorization, fileId, request == null || request.isBlank() ? "{}" : request);
    } catch (IOException e) {
      throw unavailable(
          e,
          "If the request reached it, the finalize may still complete: see the file's registry"
              + " record before asking again.");
    }
    return relay(answer, ingesterBase);
  }

  /** Admin's answer for the caller: the relayed headers, Location pointing at the ingester. */
  static Relayed relay(AdminTransfersClient.Answer answer, URI ingesterBase) {
    Map<String, String> headers = new LinkedHashMap<>();
    answer
        .headers()
        .forEach(
            (name, value) -> {
              if (name.equalsIgnoreCase("Location")) {
                TransferLocation.onIngester(value, ingesterBase)
                    .ifPresentOrElse(
                        uri -> headers.put("Location", uri.toString()),
                        () -> LOG.warning("Admin's Location names no transfer; dropped: " + value));
              } else {
                headers.put(name, value);
              }
            });
    return new Relayed(answer.status(), answer.contentType(), answer.body(), headers);
  }

  private static UUID uuid(String id, String notFound) {
    try {
      UUID uuid = UUID.fromString(id);
      if (uuid.toString().equalsIgnoreCase(id)) {
        return uuid;
      }
    } catch (IllegalArgumentException | NullPointerException e) {
      // not an id of anything
    }
    throw ApiException.notFound(notFound);
  }

  private ApiException unavailable(IOException e, String advice) {
    LOG.log(Level.WARNING, "Admin did not answer a transfer call: " + e.getMessage());
    return new ApiException(
        ProblemCode.SERVICE_UNAVAILABLE,
        503,
        "The transfer coordinator (admin) is unreachable or did not answer in time. " + advice,
        List.of(),
        Map.of("Retry-After", String.valueOf(Math.max(1, settings.retryAfter().toSeconds()))));
  }
}
