package io.artstore.admin.api.audit;

import io.artstore.admin.application.audit.AuditQueries;
import io.artstore.admin.infrastructure.AuditRepository;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The audit log (SPEC §2.5): ADMIN service accounts, AUDITORs, and SUPER_ADMIN / ADMIN users. */
@Path("/api/v1/audit-events")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventsResource {
  @Inject AuditQueries audit;

  /** One audit record. */
  public record AuditEventView(
      @Schema(example = "42") long seq,
      UUID id,
      Instant occurredAt,
      @Schema(example = "sa_prod_ops_1a2b3c4d") String actor,
      @Schema(example = "service_account") String actorType,
      @Schema(example = "service_account.rotate_secret") String action,
      @Schema(example = "service_account:0b7c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e") String resource,
      @Schema(enumeration = {"success", "failure", "denied"}) String result,
      String requestId,
      @Schema(description = "JSON object with action-specific details") String details,
      @Schema(description = "HMAC-SHA256 over this record and the previous MAC") String mac) {

    static AuditEventView of(AuditRepository.Stored s) {
      var e = s.event();
      return new AuditEventView(
          s.seq(),
          e.id(),
          e.occurredAt(),
          e.actor(),
          e.actorType(),
          e.action(),
          e.resource(),
          e.result(),
          e.requestId(),
          e.details(),
          s.mac());
    }
  }

  /** The chain check. */
  public record VerificationView(
      boolean valid,
      @Schema(description = "Records checked") long checked,
      @Schema(description = "The first record that breaks the chain") AuditEventView firstBroken,
      String reason) {}

  @GET
  @Operation(summary = "Audit events, newest first (filters combine with AND)")
  public Page<AuditEventView> list(
      @QueryParam("action") String action,
      @QueryParam("actor") String actor,
      @QueryParam("result") String result,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset)
      throws SQLException {
    List<FieldViolation> violations = new ArrayList<>();
    Instant fromTime = instant("from", from, violations);
    Instant toTime = instant("to", to, violations);
    if (result != null && !List.of("success", "failure", "denied").contains(result)) {
      violations.add(new FieldViolation("result", "must be success, failure or denied"));
    }
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      violations.add(new FieldViolation("to", "must be after from"));
    }
    PageRequest page;
    try {
      page = PageRequest.parse(limit, offset);
    } catch (ApiException e) {
      violations.addAll(e.violations());
      page = null;
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    Page<AuditRepository.Stored> stored =
        audit.list(
            new AuditRepository.Filter(blank(action), blank(actor), result, fromTime, toTime),
            page);
    return stored.map(AuditEventView::of);
  }

  @GET
  @Path("/verify")
  @Operation(summary = "Walk the HMAC chain and report the first broken record")
  public VerificationView verify() throws SQLException {
    AuditQueries.Verification v = audit.verify();
    return new VerificationView(
        v.valid(),
        v.checked(),
        v.firstBroken() == null ? null : AuditEventView.of(v.firstBroken()),
        v.reason());
  }

  private static Instant instant(String field, String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      violations.add(new FieldViolation(field, "must be an RFC 3339 UTC timestamp"));
      return null;
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
