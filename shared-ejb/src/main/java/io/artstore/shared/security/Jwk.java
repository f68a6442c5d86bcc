package io.artstore.shared.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/** JSON Web Key helpers for RSA public keys (RFC 7517, RFC 7518 §6.3, RFC 7638). */
public final class Jwk {
  private Jwk() {}

  /**
   * The RFC 7638 thumbprint: base64url(SHA-256 of {@code {"e":…,"kty":"RSA","n":…}}), members in
   * lexicographic order, no whitespace. Derived from the key itself, so every service computes the
   * same {@code kid} without being told.
   */
  public static String thumbprint(RSAPublicKey key) {
    String canonical =
        "{\"e\":\""
            + base64Url(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + base64Url(key.getModulus())
            + "\"}";
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Unsigned big-endian bytes, base64url without padding (RFC 7518 §2 "Base64urlUInt"). */
  public static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
