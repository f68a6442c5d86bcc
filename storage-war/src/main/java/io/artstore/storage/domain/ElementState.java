package io.artstore.storage.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the element's data directory says about the element itself: which element it is and its
 * mode. Kept in a file beside the data, so that the directory alone fully describes the element.
 */
public record ElementState(
    int schemaVersion, String elementId, ElementMode mode, Instant createdAt, Instant updatedAt) {
  public static final int SCHEMA_VERSION = 1;

  public ElementState {
    Objects.requireNonNull(elementId, "elementId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public static ElementState create(String elementId, ElementMode mode, Instant now) {
    return new ElementState(SCHEMA_VERSION, elementId, mode, now, now);
  }

  public ElementState withMode(ElementMode newMode, Instant now) {
    return new ElementState(schemaVersion, elementId, newMode, createdAt, now);
  }
}
