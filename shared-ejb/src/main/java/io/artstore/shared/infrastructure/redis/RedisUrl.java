package io.artstore.shared.infrastructure.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** The parts of a {@code redis://} or {@code rediss://} URL. */
record RedisUrl(String host, int port, String user, String password, int database, boolean tls) {

  static RedisUrl parse(URI uri) {
    String scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException("Redis URL must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("Redis URL has no host");
    }
    String user = null;
    String password = null;
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        password = decode(userInfo);
      } else {
        user = colon == 0 ? null : decode(userInfo.substring(0, colon));
        password = decode(userInfo.substring(colon + 1));
      }
    }
    int database = 0;
    String path = uri.getPath();
    if (path != null && path.length() > 1) {
      database = Integer.parseInt(path.substring(1));
    }
    return new RedisUrl(
        uri.getHost(),
        uri.getPort() < 0 ? 6379 : uri.getPort(),
        user,
        password,
        database,
        "rediss".equals(scheme));
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Never print the password.
    return (tls ? "rediss://" : "redis://") + host + ":" + port + "/" + database;
  }
}
