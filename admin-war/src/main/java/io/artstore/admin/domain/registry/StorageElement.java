package io.artstore.admin.domain.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A registered storage element: what the operator said about it (name, description, priority, URL)
 * and what the element said at the last sync (mode, storage type, capacity, file count), with what
 * the health sync saw (status, last error, consecutive failures).
 *
 * @param version incremented on every change of this record
 */
public record StorageElement(
    UUID id,
    String elementId,
    String name,
    String description,
    String apiUrl,
    String mode,
    ElementStatus status,
    String storageType,
    int priority,
    long capacityTotalBytes,
    long capacityUsedBytes,
    long capacityAvailableBytes,
    long fileCount,
    long version,
    Instant lastSyncAt,
    String lastError,
    int consecutiveFailures,
    Instant createdAt,
    Instant updatedAt) {

  public StorageElement {
    Objects.requireNonNull(id);
    Objects.requireNonNull(elementId);
    Objects.requireNonNull(apiUrl);
    Objects.requireNonNull(status);
  }

  /** What an element reports about itself at a sync. */
  public record Observation(
      String elementId,
      String mode,
      String storageType,
      boolean degraded,
      long capacityTotalBytes,
      long capacityUsedBytes,
      long capacityAvailableBytes,
      long fileCount) {}

  /** The record after a successful sync. */
  public StorageElement synced(Observation o, Instant now) {
    return new StorageElement(
        id,
        elementId,
        name,
        description,
        apiUrl,
        o.mode() == null ? mode : o.mode(),
        o.degraded() ? ElementStatus.DEGRADED : ElementStatus.ONLINE,
        o.storageType() == null ? storageType : o.storageType(),
        priority,
        o.capacityTotalBytes(),
        o.capacityUsedBytes(),
        o.capacityAvailableBytes(),
        o.fileCount(),
        version + 1,
        now,
        null,
        0,
        createdAt,
        now);
  }

  /** The record after a failed sync: offline, the error kept; the last known figures stay. */
  public StorageElement unreachable(String error, Instant now) {
    return new StorageElement(
        id,
        elementId,
        name,
        description,
        apiUrl,
        mode,
        ElementStatus.OFFLINE,
        storageType,
        priority,
        capacityTotalBytes,
        capacityUsedBytes,
        capacityAvailableBytes,
        fileCount,
        version + 1,
        now,
        error,
        consecutiveFailures + 1,
        createdAt,
        now);
  }

  /** The record with the operator's fields changed. */
  public StorageElement edited(
      String newName, String newDescription, Integer newPriority, String newApiUrl, Instant now) {
    return new StorageElement(
        id,
        elementId,
        newName == null ? name : newName,
        newDescription == null ? description : newDescription,
        newApiUrl == null ? apiUrl : newApiUrl,
        mode,
        status,
        storageType,
        newPriority == null ? priority : newPriority,
        capacityTotalBytes,
        capacityUsedBytes,
        capacityAvailableBytes,
        fileCount,
        version + 1,
        lastSyncAt,
        lastError,
        consecutiveFailures,
        createdAt,
        now);
  }

  /**
   * Whether what discovery shows changed between {@code this} and {@code other} (everything but the
   * sync time and error bookkeeping): a registry version is spent only on real changes.
   */
  public boolean differsForDiscovery(StorageElement other) {
    return !(Objects.equals(elementId, other.elementId)
        && Objects.equals(name, other.name)
        && Objects.equals(apiUrl, other.apiUrl)
        && Objects.equals(mode, other.mode)
        && status == other.status
        && Objects.equals(storageType, other.storageType)
        && priority == other.priority
        && capacityTotalBytes == other.capacityTotalBytes
        && capacityUsedBytes == other.capacityUsedBytes
        && capacityAvailableBytes == other.capacityAvailableBytes
        && fileCount == other.fileCount);
  }

  /** Whether the element holds files by its last sync (a registry entry of it cannot go then). */
  public boolean holdsFiles() {
    return fileCount > 0;
  }
}
