package io.artstore.ingester.infrastructure;

import io.artstore.shared.client.storage.StorageElementClients;
import io.artstore.shared.client.storage.StorageElementFilesApi;
import io.artstore.shared.client.storage.StorageElementGcApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * The element calls of the ingester besides the upload itself, through the shared element clients:
 * read a file, withdraw one. Unreachable elements surface as {@link IOException}.
 */
@ApplicationScoped
public class ElementFiles {
  private static final long WITHDRAW_TIMEOUT_MILLIS = 10_000;

  @Inject StorageElementClients clients;

  /** An answer of the element: status and body. */
  public record Answer(int status, String body) {}

  /**
   * Withdraws an upload the client was never told about (SPEC §5.1 compensation): 204 when gone or
   * absent, 409 when it is older than the element's withdraw window.
   */
  public Answer withdraw(String elementUrl, UUID fileId, String token) throws IOException {
    try (StorageElementGcApi api = clients.gcApi(URI.create(elementUrl), WITHDRAW_TIMEOUT_MILLIS);
        Response response = api.withdraw("Bearer " + token, fileId.toString(), true)) {
      return answer(response);
    } catch (ProcessingException e) {
      throw new IOException("Element unreachable: " + e.getMessage(), e);
    }
  }

  /** The element's attr.json of a file (200) or 404. */
  public Answer get(String elementUrl, UUID fileId, String token) throws IOException {
    try (StorageElementFilesApi api = clients.filesApi(URI.create(elementUrl));
        Response response = api.get("Bearer " + token, fileId.toString())) {
      return answer(response);
    } catch (ProcessingException e) {
      throw new IOException("Element unreachable: " + e.getMessage(), e);
    }
  }

  private static Answer answer(Response response) {
    return new Answer(
        response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
  }
}
