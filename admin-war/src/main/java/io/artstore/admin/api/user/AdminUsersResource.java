package io.artstore.admin.api.user;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.user.AdminUsers;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.domain.user.AdminUser;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code /api/v1/admin-users}: SUPER_ADMIN users only (SPEC §2.1). */
@Path("/api/v1/admin-users")
@RolesAllowed(Roles.SUPER_ADMIN)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminUsersResource {
  @Inject AdminUsers users;
  @Inject AuditLog audit;
  @Inject JsonWebToken caller;
  @Context UriInfo uriInfo;

  /** Create (username, role; password generated when absent) or change (role, status). */
  public record AdminUserRequest(
      @Schema(example = "alice") String username,
      String password,
      @Schema(enumeration = {"SUPER_ADMIN", "ADMIN", "READONLY"}) String role,
      @Schema(enumeration = {"active", "disabled"}) String status) {}

  /** Reset: the new password, or none to have one generated. */
  public record ResetPasswordRequest(String newPassword) {}

  /** A user and the password generated for it (shown once; null when the caller chose it). */
  public record UserWithPassword(AdminUserView user, String generatedPassword) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create an admin user")
  public Response create(AdminUserRequest request) {
    Principals.requireSuperAdminUser(caller);
    if (request == null) {
      throw ApiException.validation("body", "a JSON object is required");
    }
    AdminUsers.WithPassword created =
        users.create(request.username(), request.password(), request.role());
    audited("admin_user.create", created.user());
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(created.user().id().toString()).build())
        .header("Cache-Control", "no-store")
        .entity(new UserWithPassword(AdminUserView.of(created.user()), created.generatedPassword()))
        .build();
  }

  @GET
  @Operation(summary = "List admin users")
  public Page<AdminUserView> list(
      @QueryParam("role") String role,
      @QueryParam("status") String status,
      @QueryParam("search") String search,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Principals.requireSuperAdminUser(caller);
    Page<AdminUser> page = users.list(role, status, search, PageRequest.parse(limit, offset));
    return page.map(AdminUserView::of);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One admin user")
  public AdminUserView get(@PathParam("id") String id) {
    Principals.requireSuperAdminUser(caller);
    return AdminUserView.of(users.get(uuid(id)));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change role or status")
  public AdminUserView update(@PathParam("id") String id, AdminUserRequest request) {
    Principals.requireSuperAdminUser(caller);
    AdminUser updated =
        users.update(
            uuid(id),
            request == null ? null : request.role(),
            request == null ? null : request.status());
    audited("admin_user.update", updated);
    return AdminUserView.of(updated);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete (soft)")
  public Response delete(@PathParam("id") String id) {
    Principals.requireSuperAdminUser(caller);
    audited("admin_user.delete", users.delete(uuid(id)));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/reset-password")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(
      summary = "Reset a password (generated and shown once when none is given); ends a lockout")
  public Response resetPassword(@PathParam("id") String id, ResetPasswordRequest request) {
    Principals.requireSuperAdminUser(caller);
    AdminUsers.WithPassword reset =
        users.resetPassword(uuid(id), request == null ? null : request.newPassword());
    audited("admin_user.reset_password", reset.user());
    return Response.ok(
            new UserWithPassword(AdminUserView.of(reset.user()), reset.generatedPassword()))
        .header("Cache-Control", "no-store")
        .build();
  }

  private void audited(String action, AdminUser user) {
    audit.recordAndWait(
        caller.getName(),
        Principals.type(caller),
        action,
        "admin_user:" + user.id(),
        AuditEvent.SUCCESS,
        Map.of("username", user.username(), "role", user.role(), "status", user.status()));
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No admin user " + id);
    }
  }
}
