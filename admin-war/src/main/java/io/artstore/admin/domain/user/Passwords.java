package io.artstore.admin.domain.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** bcrypt hashing of admin users' passwords (a slow KDF: people choose passwords). */
public final class Passwords {
  private static final BCrypt.Hasher HASHER =
      BCrypt.with(
          BCrypt.Version.VERSION_2B,
          new SecureRandom(),
          LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
  private static final BCrypt.Verifyer VERIFIER =
      BCrypt.verifyer(
          BCrypt.Version.VERSION_2B, LongPasswordStrategies.hashSha512(BCrypt.Version.VERSION_2B));
  private static final String GENERATED_ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.";

  private Passwords() {}

  public static String hash(String password, int cost) {
    return new String(
        HASHER.hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
  }

  public static boolean matches(String password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    return VERIFIER.verify(
            password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII))
        .verified;
  }

  /** A random password that satisfies the policy (for the initial user and resets). */
  public static String generate() {
    SecureRandom random = new SecureRandom();
    while (true) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        out.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
      }
      if (PasswordPolicy.violation(out.toString()).isEmpty()) {
        return out.toString();
      }
    }
  }
}
