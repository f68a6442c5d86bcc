package io.artstore.admin.domain.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One audit record. {@link #canonical()} is exactly what the MAC covers: every field but the
 * sequence number (the chain itself orders records) and the MAC.
 */
public record AuditEvent(
    UUID id,
    Instant occurredAt,
    String actor,
    String actorType,
    String action,
    String resource,
    String result,
    String requestId,
    String details) {

  public static final String SUCCESS = "success";
  public static final String FAILURE = "failure";
  public static final String DENIED = "denied";

  public AuditEvent {
    Objects.requireNonNull(id);
    Objects.requireNonNull(occurredAt);
    Objects.requireNonNull(actor);
    Objects.requireNonNull(actorType);
    Objects.requireNonNull(action);
    Objects.requireNonNull(result);
  }

  /** Field values in a fixed order, each length-prefixed so no two records encode alike. */
  public byte[] canonical(String previousMac) {
    StringBuilder out = new StringBuilder();
    for (String field :
        new String[] {
          previousMac,
          id.toString(),
          occurredAt.toString(),
          actor,
          actorType,
          action,
          resource,
          result,
          requestId,
          details
        }) {
      String value = field == null ? "" : field;
      out.append(value.length()).append(':').append(value).append('|');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
