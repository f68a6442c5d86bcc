package io.artstore.admin.api.user;

import io.artstore.admin.application.user.AdminAuthentication;
import io.artstore.admin.application.user.AdminUsers;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.Problem;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code /api/v1/admin-auth}: sessions of admin users (the console's people). */
@Path("/api/v1/admin-auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminAuthResource {
  @Inject AdminAuthentication authentication;
  @Inject AdminUsers users;
  @Inject JsonWebToken caller;

  /** Login. */
  public record LoginRequest(@Schema(example = "admin") String username, String password) {}

  /** Refresh or logout: the refresh token. */
  public record RefreshRequest(String refreshToken) {}

  /** Password change. */
  public record ChangePasswordRequest(String currentPassword, String newPassword) {}

  /** An access token and a refresh token (7 days, used once). */
  public record SessionView(
      String accessToken,
      @Schema(example = "Bearer") String tokenType,
      @Schema(example = "1800") long expiresIn,
      String refreshToken,
      @Schema(example = "604800") long refreshExpiresIn) {

    static SessionView of(AdminAuthentication.Session s) {
      return new SessionView(
          s.access().token(),
          "Bearer",
          s.access().lifetime().toSeconds(),
          s.refresh().token(),
          s.refresh().lifetime().toSeconds());
    }
  }

  @POST
  @Path("/login")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Log in (public); 5 wrong passwords lock the account (423)")
  @APIResponse(
      responseCode = "401",
      description = "UNAUTHORIZED",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "423",
      description = "LOCKED, with Retry-After",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response login(LoginRequest request) {
    if (request == null || request.username() == null || request.password() == null) {
      throw ApiException.validation("username", "username and password are required");
    }
    return noStore(SessionView.of(authentication.login(request.username(), request.password())));
  }

  @POST
  @Path("/refresh")
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "A new session for a refresh token (public; each refresh token works once)")
  public Response refresh(RefreshRequest request) {
    return noStore(
        SessionView.of(authentication.refresh(request == null ? null : request.refreshToken())));
  }

  @POST
  @Path("/logout")
  @RolesAllowed({Roles.SUPER_ADMIN, Roles.ADMIN, Roles.READONLY})
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(summary = "Log out: the given refresh token stops working")
  public Response logout(RefreshRequest request) {
    Principals.requireAdminUser(caller);
    authentication.logout(caller.getName(), request == null ? null : request.refreshToken());
    return Response.noContent().build();
  }

  @GET
  @Path("/me")
  @RolesAllowed({Roles.SUPER_ADMIN, Roles.ADMIN, Roles.READONLY})
  @Operation(summary = "The logged-in admin user")
  public AdminUserView me() {
    Principals.requireAdminUser(caller);
    return AdminUserView.of(users.get(UUID.fromString(caller.getSubject())));
  }

  @POST
  @Path("/change-password")
  @RolesAllowed({Roles.SUPER_ADMIN, Roles.ADMIN, Roles.READONLY})
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change one's own password (≥ 12 characters, three character classes)")
  public Response changePassword(ChangePasswordRequest request) {
    Principals.requireAdminUser(caller);
    if (request == null || request.currentPassword() == null) {
      throw ApiException.validation("current_password", "is required");
    }
    authentication.changePassword(
        UUID.fromString(caller.getSubject()), request.currentPassword(), request.newPassword());
    return Response.noContent().build();
  }

  private static Response noStore(Object entity) {
    return Response.ok(entity).header("Cache-Control", "no-store").build();
  }
}
