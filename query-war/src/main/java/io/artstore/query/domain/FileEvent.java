package io.artstore.query.domain;

import java.time.Instant;

/**
 * One event of admin's feed as query reads it: its outbox id, type ({@code file.created}, …), the
 * file it is about, its JSON payload and when it happened.
 */
public record FileEvent(
    long outboxId, String type, String aggregateId, String payload, Instant occurredAt) {

  /** Whether the search index cares: file events only. */
  public boolean aboutFiles() {
    return type != null && type.startsWith("file.");
  }
}
