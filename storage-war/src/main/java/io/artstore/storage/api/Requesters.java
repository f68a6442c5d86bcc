package io.artstore.storage.api;

import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import io.artstore.storage.application.Requester;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The element's view of the caller, from the validated token. */
final class Requesters {
  private Requesters() {}

  static Requester of(JsonWebToken token) {
    boolean serviceAccount = Principals.SERVICE_ACCOUNT.equals(Principals.type(token));
    boolean admin =
        token.getGroups().contains(Roles.ADMIN) || token.getGroups().contains(Roles.SUPER_ADMIN);
    return new Requester(
        token.getSubject(),
        token.getName(),
        admin,
        serviceAccount && token.getGroups().contains(Roles.ADMIN));
  }
}
