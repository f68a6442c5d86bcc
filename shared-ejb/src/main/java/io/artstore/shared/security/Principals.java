package io.artstore.shared.security;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Rules of SPEC §2.1 that a role name alone cannot express. */
public final class Principals {
  public static final String SERVICE_ACCOUNT = "service_account";
  public static final String ADMIN_USER = "admin_user";

  private Principals() {}

  public static String type(JsonWebToken token) {
    Object type = token.getClaim("type");
    return type == null ? null : type.toString().replace("\"", "");
  }

  /**
   * Managing accounts and keys: an ADMIN service account, or a SUPER_ADMIN user — not an admin user
   * whose role is ADMIN.
   */
  public static void requireAccountManager(JsonWebToken token) {
    boolean adminAccount =
        SERVICE_ACCOUNT.equals(type(token)) && token.getGroups().contains(Roles.ADMIN);
    boolean superAdmin =
        ADMIN_USER.equals(type(token)) && token.getGroups().contains(Roles.SUPER_ADMIN);
    if (!adminAccount && !superAdmin) {
      throw new ApiException(
          ProblemCode.FORBIDDEN, "Only ADMIN service accounts and SUPER_ADMIN users may do this.");
    }
  }

  /** Machine-to-machine operations (GC, transfers): ADMIN service accounts only (SPEC §3.6). */
  public static void requireAdminServiceAccount(JsonWebToken token) {
    if (!SERVICE_ACCOUNT.equals(type(token)) || !token.getGroups().contains(Roles.ADMIN)) {
      throw new ApiException(ProblemCode.FORBIDDEN, "Only ADMIN service accounts may do this.");
    }
  }

  /** Managing admin users: SUPER_ADMIN users only (SPEC §2.1). */
  public static void requireSuperAdminUser(JsonWebToken token) {
    if (!ADMIN_USER.equals(type(token)) || !token.getGroups().contains(Roles.SUPER_ADMIN)) {
      throw new ApiException(ProblemCode.FORBIDDEN, "Only SUPER_ADMIN users may do this.");
    }
  }

  public static void requireAdminUser(JsonWebToken token) {
    if (!ADMIN_USER.equals(type(token))) {
      throw new ApiException(
          ProblemCode.FORBIDDEN, "This is for admin users (people), not service accounts.");
    }
  }
}
