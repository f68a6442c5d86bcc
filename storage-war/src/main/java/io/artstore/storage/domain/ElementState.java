package io.artstore.storage.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the element's data directory says about the element itself: which element it is and its
 * mode. Kept in a file beside the data, so that the directory alone fully describes the element.
 *
 * @param configuredMode the {@code ARTSTORE_SE_MODE} the element last started with (null in state
 *     files written before it was recorded): a configuration only changes the mode when it changes,
 *     so restarting with the old setting never undoes a mode reached by API
 */
public record ElementState(
    int schemaVersion,
    String elementId,
    ElementMode mode,
    Instant createdAt,
    Instant updatedAt,
    ElementMode configuredMode) {
  public static final int SCHEMA_VERSION = 1;

  public ElementState {
    Objects.requireNonNull(elementId, "elementId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public static ElementState create(String elementId, ElementMode mode, Instant now) {
    return new ElementState(SCHEMA_VERSION, elementId, mode, now, now, mode);
  }

  public ElementState withMode(ElementMode newMode, Instant now) {
    return new ElementState(schemaVersion, elementId, newMode, createdAt, now, configuredMode);
  }

  public ElementState withConfiguredMode(ElementMode configured, Instant now) {
    return new ElementState(schemaVersion, elementId, mode, createdAt, now, configured);
  }

  /**
   * Whether a start with {@code configured} changes the mode: only when the setting itself changed
   * since the last start, and only out of {@code edit} or {@code ar} (which the API cannot leave).
   */
  public boolean configurationMovesModeTo(ElementMode configured) {
    ElementMode last = configuredMode == null ? mode : configuredMode;
    return configured != last && mode.canBeChangedByConfigurationTo(configured);
  }
}
