package io.artstore.admin.api.security;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.security.ServiceAccounts;
import io.artstore.admin.domain.account.ServiceAccount;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.Problem;
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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code /api/v1/service-accounts}: for ADMIN service accounts and SUPER_ADMIN users. A secret is
 * returned exactly once, by create and by rotate-secret; it is stored only as a hash.
 */
@Path("/api/v1/service-accounts")
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ServiceAccountsResource {
  @Inject ServiceAccounts accounts;
  @Inject AuditLog audit;
  @Inject JsonWebToken caller;
  @Context UriInfo uriInfo;

  /** A service account as the API shows it (never its secret). */
  public record ServiceAccountView(
      UUID id,
      @Schema(example = "ingest-app") String name,
      @Schema(example = "sa_prod_ingest-app_1a2b3c4d") String clientId,
      @Schema(enumeration = {"ADMIN", "USER", "AUDITOR", "READONLY"}) String role,
      @Schema(enumeration = {"active", "suspended", "expired", "deleted"}) String status,
      @Schema(description = "The account created on first start; protected") boolean isSystem,
      @Schema(description = "Requests per minute", example = "100") int rateLimit,
      Instant secretExpiresAt,
      @Schema(example = "85") long daysUntilExpiry,
      @Schema(description = "The secret expires within 14 days") boolean expiryWarning,
      String description,
      Instant createdAt,
      Instant updatedAt,
      Instant lastUsedAt) {

    static ServiceAccountView of(ServiceAccount a) {
      Instant now = Instant.now();
      return new ServiceAccountView(
          a.id(),
          a.name(),
          a.clientId(),
          a.role(),
          a.effectiveStatus(now).wireName(),
          a.system(),
          a.rateLimit(),
          a.secretExpiresAt(),
          a.daysUntilExpiry(now),
          a.expiryWarning(now),
          a.description(),
          a.createdAt(),
          a.updatedAt(),
          a.lastUsedAt());
    }
  }

  /** The account and its new secret: store the secret now, it is never shown again. */
  public record AccountWithSecret(
      ServiceAccountView account,
      @Schema(description = "Shown once", example = "n6FEzdetbaUv-WTIh8UbNCjJoKEri75iG6eZ7LE8JkQ")
          String clientSecret) {}

  /** Create (name and role required) or change (every field optional). */
  public record ServiceAccountRequest(
      @Schema(example = "ingest-app") String name,
      @Schema(
              enumeration = {"ADMIN", "USER", "AUDITOR", "READONLY"},
              example = "USER")
          String role,
      @Schema(description = "Change only: active or suspended", example = "suspended")
          String status,
      @Schema(example = "100") Integer rateLimit,
      String description,
      @Schema(description = "Create only (default 90)", example = "90")
          Integer secretLifetimeDays) {

    ServiceAccounts.Changes changes() {
      return new ServiceAccounts.Changes(
          name, role, status, rateLimit, description, secretLifetimeDays);
    }
  }

  /** Rotate-secret options. */
  public record RotateSecretRequest(@Schema(example = "90") Integer secretLifetimeDays) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Create a service account; its secret is in the answer, once")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "user",
                      value = "{\"name\":\"ingest-app\",\"role\":\"USER\"}")))
  @APIResponse(responseCode = "201", description = "Created")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response create(ServiceAccountRequest request) {
    Principals.requireAccountManager(caller);
    ServiceAccounts.WithSecret created = accounts.create(body(request).changes());
    audited("service_account.create", created.account(), Map.of("role", created.account().role()));
    return Response.created(
            uriInfo.getAbsolutePathBuilder().path(created.account().id().toString()).build())
        .header("Cache-Control", "no-store")
        .entity(
            new AccountWithSecret(ServiceAccountView.of(created.account()), created.clientSecret()))
        .build();
  }

  @GET
  @Operation(summary = "List service accounts (deleted ones only with status=deleted)")
  public Page<ServiceAccountView> list(
      @QueryParam("role") String role,
      @QueryParam("status") String status,
      @QueryParam("search") String search,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    Principals.requireAccountManager(caller);
    Page<ServiceAccount> page =
        accounts.list(role, status, search, PageRequest.parse(limit, offset));
    return page.map(ServiceAccountView::of);
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One service account")
  @APIResponse(
      responseCode = "404",
      description = "NOT_FOUND",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ServiceAccountView get(@PathParam("id") String id) {
    Principals.requireAccountManager(caller);
    return ServiceAccountView.of(accounts.get(uuid(id)));
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change name, role, status (active/suspended), rate limit or description")
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: the system account cannot be demoted or suspended",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public ServiceAccountView update(@PathParam("id") String id, ServiceAccountRequest request) {
    Principals.requireAccountManager(caller);
    ServiceAccount updated = accounts.update(uuid(id), body(request).changes());
    audited(
        "service_account.update",
        updated,
        Map.of("role", updated.role(), "status", updated.status().wireName()));
    return ServiceAccountView.of(updated);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete (soft: the account stays readable with status deleted)")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: the system account cannot be deleted",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response delete(@PathParam("id") String id) {
    Principals.requireAccountManager(caller);
    accounts.delete(uuid(id));
    audited("service_account.delete", accounts.get(uuid(id)), Map.of());
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/rotate-secret")
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(summary = "New secret (shown once); the old one stops working at once")
  public Response rotateSecret(@PathParam("id") String id, RotateSecretRequest request) {
    Principals.requireAccountManager(caller);
    ServiceAccounts.WithSecret rotated =
        accounts.rotateSecret(uuid(id), request == null ? null : request.secretLifetimeDays());
    audited(
        "service_account.rotate_secret",
        rotated.account(),
        Map.of("secret_expires_at", rotated.account().secretExpiresAt()));
    return Response.ok(
            new AccountWithSecret(ServiceAccountView.of(rotated.account()), rotated.clientSecret()))
        .header("Cache-Control", "no-store")
        .build();
  }

  private void audited(String action, ServiceAccount account, Map<String, ?> details) {
    Map<String, Object> all = new java.util.HashMap<>(details);
    all.put("client_id", account.clientId());
    audit.recordAndWait(
        caller.getName(),
        Principals.type(caller),
        action,
        "service_account:" + account.id(),
        AuditEvent.SUCCESS,
        all);
  }

  private static ServiceAccountRequest body(ServiceAccountRequest request) {
    if (request == null) {
      throw ApiException.validation("body", "a JSON object is required");
    }
    return request;
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No service account " + id);
    }
  }
}
