package io.artstore.admin.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A storage element's base URL: absolute http(s), a host, no user info, query or fragment;
 * normalised without a trailing slash so that one element has one spelling.
 */
public record ElementUrl(URI uri) {

  public static Optional<ElementUrl> parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(raw.trim());
      String scheme = uri.getScheme();
      if (scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        return Optional.empty();
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      return Optional.of(
          new ElementUrl(new URI(scheme.toLowerCase() + "://" + uri.getRawAuthority() + path)));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
