package io.artstore.ingester.domain;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a transfer is followed from the ingester: admin answers a started transfer with its own
 * {@code Location} ({@code <admin>/api/v1/transfers/{id}}), which the ingester turns into its own
 * {@code <ingester>/api/v1/transfers/{id}} so that clients keep talking to the ingester and never
 * see admin's (internal) address.
 */
public final class TransferLocation {
  static final String PATH = "api/v1/transfers/";

  private TransferLocation() {}

  /**
   * The ingester's URI of the transfer admin's {@code Location} names, or empty when it names none
   * (absent, not a URI, not a transfer, an id that is not a UUID).
   *
   * @param adminLocation admin's {@code Location} header, absolute or relative
   * @param ingesterBase the ingester's base URI as the caller reached it, e.g. {@code
   *     http://host:8020/}
   */
  public static Optional<URI> onIngester(String adminLocation, URI ingesterBase) {
    return transferId(adminLocation).map(id -> withSlash(ingesterBase).resolve(PATH + id));
  }

  /** The transfer id at the end of admin's {@code Location}, if it names one. */
  public static Optional<UUID> transferId(String adminLocation) {
    if (adminLocation == null || adminLocation.isBlank()) {
      return Optional.empty();
    }
    String path;
    try {
      path = URI.create(adminLocation.trim()).getPath();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    String p = path.startsWith("/") ? path : "/" + path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String marker = "/" + PATH;
    int at = p.lastIndexOf(marker);
    if (at < 0) {
      return Optional.empty();
    }
    String id = p.substring(at + marker.length());
    try {
      UUID uuid = UUID.fromString(id);
      return uuid.toString().equalsIgnoreCase(id) ? Optional.of(uuid) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static URI withSlash(URI base) {
    String text = base.toString();
    return text.endsWith("/") ? base : URI.create(text + "/");
  }
}
