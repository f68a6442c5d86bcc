package io.artstore.shared.client.admin;

import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.security.ServiceTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Admin's file registry (SPEC §4) as the ingester and query use it, through a MicroProfile Rest
 * Client (request ids propagate through the shared listener). One client per admin URL, rebuilt
 * when the dynamic {@code ARTSTORE_ADMIN_URL} changes. Unreachable admin surfaces as {@link
 * IOException}.
 */
@ApplicationScoped
public class AdminFiles {
  private static final long CONNECT_TIMEOUT_MILLIS = 2000;
  private static final long READ_TIMEOUT_MILLIS = 10_000;

  @Inject ServiceTokens tokens;

  private record Client(String url, AdminFilesApi api) {}

  private volatile Client client;

  /** An answer of admin: status and body. */
  public record Answer(int status, String body) {}

  /** Registers a stored file: the element's attr.json answer as it came. 201/200 = registered. */
  public Answer register(String storedFileJson) throws IOException {
    String bearer = bearer();
    return answer(() -> api().register(bearer, storedFileJson));
  }

  /** The registry's record of a file (200) or 404. */
  public Answer get(UUID fileId) throws IOException {
    String bearer = bearer();
    return answer(() -> api().get(bearer, fileId.toString()));
  }

  /**
   * One keyset page of the registry (all statuses) after the given file id (null: from the start).
   */
  public Answer list(UUID after, int limit) throws IOException {
    String bearer = bearer();
    return answer(() -> api().list(bearer, after == null ? null : after.toString(), limit));
  }

  /**
   * Deletes a file through admin, which applies it on the element first with the same credentials:
   * the caller's own {@code Authorization}, so the element judges owner and role itself.
   */
  public Answer delete(UUID fileId, String callerAuthorization) throws IOException {
    return answer(() -> api().delete(callerAuthorization, fileId.toString()));
  }

  private static Answer answer(Supplier<Response> call) throws IOException {
    try (Response response = call.get()) {
      return new Answer(
          response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
    } catch (ProcessingException e) {
      throw new IOException("Admin unreachable: " + e.getMessage(), e);
    }
  }

  private AdminFilesApi api() {
    String url = tokens.adminUrl();
    Client current = client;
    if (current == null || !current.url().equals(url)) {
      current =
          new Client(
              url,
              RestClientBuilder.newBuilder()
                  .baseUri(URI.create(url))
                  .connectTimeout(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                  .readTimeout(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                  .property("microprofile.rest.client.disable.default.mapper", Boolean.TRUE)
                  .register(new JsonbConfigResolver())
                  .build(AdminFilesApi.class));
      client = current;
    }
    return current.api();
  }

  private String bearer() throws IOException {
    try {
      return "Bearer " + tokens.token();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while fetching the service token", e);
    }
  }
}
