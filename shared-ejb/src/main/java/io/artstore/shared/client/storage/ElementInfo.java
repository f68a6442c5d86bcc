package io.artstore.shared.client.storage;

import java.util.List;

/**
 * A storage element's self-description, {@code GET /api/v1/info} (SPEC §3.6): what admin's
 * registry, discovery and health sync read from every element.
 */
public record ElementInfo(
    String elementId,
    String name,
    String displayName,
    String version,
    String mode,
    String storageType,
    String status,
    int priority,
    Capacity capacity,
    long fileCount,
    List<String> allowedOperations,
    Integer retentionDays) {

  /**
   * Bytes the element may hold ({@code total}: the configured maximum, never more than the disk
   * really has), holds ({@code used}) and can still take ({@code available}).
   */
  public record Capacity(long totalBytes, long usedBytes, long availableBytes, double percentUsed) {

    public static Capacity of(long totalBytes, long usedBytes) {
      long available = Math.max(0, totalBytes - usedBytes);
      double percent =
          totalBytes <= 0 ? 100.0 : Math.round(usedBytes * 10_000.0 / totalBytes) / 100.0;
      return new Capacity(totalBytes, usedBytes, available, percent);
    }
  }
}
