package io.artstore.admin.domain.user;

import java.util.Optional;

/**
 * SPEC §2.1: at least 12 characters, mixed classes — at least three of lower case, upper case,
 * digits and others. At most 128 characters (bcrypt reads 72 bytes; longer inputs are pre-hashed).
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 128;

  private PasswordPolicy() {}

  /** Why the password is refused, or empty when it is acceptable. */
  public static Optional<String> violation(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      return Optional.of("must have at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      return Optional.of("must have at most " + MAX_LENGTH + " characters");
    }
    int classes = 0;
    classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
    classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
    classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
    classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
    if (classes < 3) {
      return Optional.of(
          "must mix at least three of: lower case, upper case, digits, other characters");
    }
    return Optional.empty();
  }
}
