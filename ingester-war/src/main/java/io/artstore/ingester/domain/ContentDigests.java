package io.artstore.ingester.domain;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The SHA-256 a client announces in {@code Content-Digest} or {@code Repr-Digest} (RFC 9530: a
 * structured-field dictionary such as {@code sha-256=:base64:, sha-512=:…:}). For an upload both
 * name the digest of the file's bytes (SPEC §5.1); other algorithms are ignored.
 */
public final class ContentDigests {
  private ContentDigests() {}

  /**
   * The sha-256 member as 64 lower-case hex characters, empty when the header has none.
   *
   * @throws IllegalArgumentException when the sha-256 member is not a 32-byte base64 byte sequence
   */
  public static Optional<String> sha256(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    for (String member : header.split(",")) {
      int eq = member.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = member.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      if (!key.equals("sha-256")) {
        continue;
      }
      String value = member.substring(eq + 1).trim();
      int params = value.indexOf(';');
      if (params >= 0) {
        value = value.substring(0, params).trim();
      }
      if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
        throw new IllegalArgumentException("sha-256 must be a byte sequence (:base64:)");
      }
      byte[] digest;
      try {
        digest = Base64.getDecoder().decode(value.substring(1, value.length() - 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("sha-256 is not valid base64");
      }
      if (digest.length != 32) {
        throw new IllegalArgumentException("sha-256 must be 32 bytes");
      }
      return Optional.of(HexFormat.of().formatHex(digest));
    }
    return Optional.empty();
  }

  /**
   * A {@code checksum} form field as 64 lower-case hex characters: bare hex or {@code sha256:hex}.
   *
   * @throws IllegalArgumentException when it is neither
   */
  public static String checksumField(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("sha256:")) {
      v = v.substring("sha256:".length());
    } else if (v.startsWith("sha-256:")) {
      v = v.substring("sha-256:".length());
    }
    if (v.length() != 64 || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          "must be a SHA-256: 64 hex characters, optionally sha256:");
    }
    return v;
  }
}
