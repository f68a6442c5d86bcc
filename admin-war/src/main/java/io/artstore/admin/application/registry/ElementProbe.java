package io.artstore.admin.application.registry;

import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.shared.client.storage.StorageElementApi;
import io.artstore.shared.client.storage.StorageElementClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads an element's {@code /api/v1/info}; anything but a proper answer is "unreachable". */
@ApplicationScoped
public class ElementProbe {
  @Inject StorageElementClients clients;

  @Inject
  @ConfigProperty(name = "artstore.registry.health-timeout-millis", defaultValue = "2000")
  long healthTimeoutMillis;

  /** The element did not answer, or not as a storage element. */
  public static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /** The element's self-description, with the health sync's short timeout. */
  public ElementInfo info(String apiUrl) throws Unreachable {
    try (StorageElementApi element = clients.forUrl(URI.create(apiUrl), healthTimeoutMillis)) {
      ElementInfo info = element.info();
      if (info == null || info.elementId() == null || info.mode() == null) {
        throw new Unreachable("the service did not describe itself as a storage element");
      }
      return info;
    } catch (IOException | RuntimeException e) {
      throw new Unreachable(describe(e));
    }
  }

  static StorageElement.Observation observation(ElementInfo info) {
    ElementInfo.Capacity c = info.capacity();
    return new StorageElement.Observation(
        info.elementId(),
        info.mode(),
        info.storageType(),
        "degraded".equals(info.status()),
        c == null ? 0 : c.totalBytes(),
        c == null ? 0 : c.usedBytes(),
        c == null ? 0 : c.availableBytes(),
        info.fileCount());
  }

  /** A short, safe description of a failure (exception class and message, one line, bounded). */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text =
        root.getClass().getSimpleName()
            + (root.getMessage() == null ? "" : ": " + root.getMessage());
    text = text.replaceAll("\\s+", " ");
    return text.length() > 300 ? text.substring(0, 300) : text;
  }
}
