package io.artstore.admin.domain.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Client secrets: 32 random bytes, base64url. Because a secret carries 256 bits of entropy, a
 * single SHA-256 is a sufficient one-way hash (nothing to brute-force), and it costs microseconds,
 * so the token endpoint needs no slow KDF per request (SPEC §2.2). Passwords, chosen by people, are
 * hashed differently.
 */
public final class ClientSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String PREFIX = "sha256:";

  private ClientSecrets() {}

  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hash(String secret) {
    return PREFIX + HexFormat.of().formatHex(sha256(secret));
  }

  /** Constant-time comparison of a presented secret with a stored hash. */
  public static boolean matches(String secret, String storedHash) {
    if (secret == null || storedHash == null || !storedHash.startsWith(PREFIX)) {
      return false;
    }
    byte[] expected = HexFormat.of().parseHex(storedHash.substring(PREFIX.length()));
    return MessageDigest.isEqual(expected, sha256(secret));
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
