package io.artstore.admin.domain.account;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Readable client ids: {@code sa_{env}_{name}_{8 hex}} (SPEC §2.1). */
public final class ClientIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private ClientIds() {}

  public static String generate(String environment, String name) {
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return "sa_" + slug(environment) + "_" + slug(name) + "_" + HexFormat.of().formatHex(suffix);
  }

  /** Lower case, a-z0-9 only (others become '-'), at most 32 characters, never empty. */
  static String slug(String text) {
    String slug =
        (text == null ? "" : text)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (slug.length() > 32) {
      slug = slug.substring(0, 32).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? "x" : slug;
  }
}
