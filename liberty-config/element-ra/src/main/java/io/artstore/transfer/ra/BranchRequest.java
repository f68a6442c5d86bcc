package io.artstore.transfer.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one branch of a transfer is: the element it runs on (id and base URL, e.g. {@code
 * http://se-rw-1:8010}), its role there ({@code source} or {@code target}), the file, and for a
 * source the version the coordinator copied (the element refuses to prepare a file changed since).
 *
 * @param version the copied version for a source, null for a target
 */
public record BranchRequest(
    String elementId, String baseUrl, String role, String fileId, Long version)
    implements ConnectionRequestInfo, Serializable {
  public static final String SOURCE = "source";
  public static final String TARGET = "target";

  public BranchRequest {
    Objects.requireNonNull(elementId, "elementId");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(fileId, "fileId");
    if (!SOURCE.equals(role) && !TARGET.equals(role)) {
      throw new IllegalArgumentException("role must be source or target: " + role);
    }
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** The prepare request's body: what the element checks before it votes. */
  String prepareBody() {
    return "{\"role\":\""
        + role
        + "\",\"file_id\":\""
        + fileId
        + "\""
        + (version == null ? "" : ",\"version\":" + version)
        + "}";
  }
}
