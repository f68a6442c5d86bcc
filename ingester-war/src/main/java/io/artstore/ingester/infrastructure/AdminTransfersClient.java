package io.artstore.ingester.infrastructure;

import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.config.Durations;
import io.artstore.shared.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Calls admin's transfer endpoints on a caller's behalf (SPEC §5.4: the coordinator sits with
 * admin), through MicroProfile Rest Clients rebuilt when the dynamic {@code ARTSTORE_ADMIN_URL}
 * changes. Finalize gets a client of its own with a long answer timeout, because admin copies the
 * file before it answers. Unreachable admin (or no answer in time) surfaces as {@link IOException}.
 */
@ApplicationScoped
public class AdminTransfersClient {
  /** The headers of admin's answers that are relayed to the caller. */
  public static final List<String> RELAYED_HEADERS =
      List.of("Location", "X-Transfer-Id", "Retry-After");

  private static final long CONNECT_TIMEOUT_MILLIS = 2000;

  @Inject ServiceTokens tokens;

  /** How long admin may take to answer a transfer request or a progress query. */
  @Inject
  @ConfigProperty(name = "artstore.ingester.admin.answer-timeout", defaultValue = "30s")
  String answerTimeout;

  /** How long admin may take to answer a finalize: it copies the file before it answers. */
  @Inject
  @ConfigProperty(name = "artstore.ingester.finalize-timeout", defaultValue = "10m")
  String finalizeTimeout;

  /**
   * Admin's answer: its status, content type and body as they came, and the relayed headers it set.
   */
  public record Answer(int status, String contentType, String body, Map<String, String> headers) {}

  private record Clients(String url, AdminTransfersApi quick, AdminTransfersApi slow) {}

  private volatile Clients clients;

  public Answer start(String callerAuthorization, String request) throws IOException {
    AdminTransfersApi api = clients().quick();
    return answer(() -> api.start(callerAuthorization, request));
  }

  public Answer get(String callerAuthorization, UUID transferId) throws IOException {
    AdminTransfersApi api = clients().quick();
    return answer(() -> api.get(callerAuthorization, transferId.toString()));
  }

  public Answer finalizeFile(String callerAuthorization, UUID fileId, String request)
      throws IOException {
    AdminTransfersApi api = clients().slow();
    return answer(() -> api.finalizeFile(callerAuthorization, fileId.toString(), request));
  }

  private static Answer answer(Supplier<Response> call) throws IOException {
    try (Response response = call.get()) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (String name : RELAYED_HEADERS) {
        String value = response.getHeaderString(name);
        if (value != null) {
          headers.put(name, value);
        }
      }
      MediaType type = response.getMediaType();
      return new Answer(
          response.getStatus(),
          type == null ? null : type.toString(),
          response.hasEntity() ? response.readEntity(String.class) : "",
          headers);
    } catch (ProcessingException e) {
      throw new IOException("Admin unreachable: " + e.getMessage(), e);
    }
  }

  private Clients clients() {
    String url = tokens.adminUrl();
    Clients current = clients;
    if (current == null || !current.url().equals(url)) {
      current =
          new Clients(
              url,
              build(url, Durations.parse(answerTimeout)),
              build(url, Durations.parse(finalizeTimeout)));
      clients = current;
    }
    return current;
  }

  private static AdminTransfersApi build(String url, Duration answer) {
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(url))
        .connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .readTimeout(answer.toMillis(), TimeUnit.MILLISECONDS)
        .property("microprofile.rest.client.disable.default.mapper", Boolean.TRUE)
        .register(new JsonbConfigResolver())
        .build(AdminTransfersApi.class);
  }
}
