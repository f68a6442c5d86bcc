package io.artstore.shared.security;

/**
 * The {@code token_use} claim: access tokens are what every API accepts; refresh tokens (admin
 * users only) are accepted by the refresh endpoint alone.
 */
public final class TokenTypes {
  public static final String CLAIM = "token_use";
  public static final String ACCESS = "access";
  public static final String REFRESH = "refresh";

  private TokenTypes() {}
}
