package io.artstore.shared.security;

/**
 * The roles of SPEC §2.1, as they travel in a token's {@code groups} claim. Service accounts have
 * ADMIN, USER, AUDITOR or READONLY; admin users SUPER_ADMIN, ADMIN or READONLY (the token's {@code
 * type} tells which kind of principal it is). A role not listed here grants nothing.
 */
public final class Roles {
  public static final String ADMIN = "ADMIN";
  public static final String USER = "USER";
  public static final String AUDITOR = "AUDITOR";
  public static final String READONLY = "READONLY";
  public static final String SUPER_ADMIN = "SUPER_ADMIN";

  private Roles() {}
}
