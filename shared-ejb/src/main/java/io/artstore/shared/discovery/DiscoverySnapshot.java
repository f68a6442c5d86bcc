package io.artstore.shared.discovery;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The storage-element registry as admin publishes it for service discovery (SPEC §4): in Redis
 * under {@link #REDIS_KEY} (JSON, snake_case), announced on {@link #REDIS_CHANNEL} on every change
 * and periodically, and served by admin at {@link #INTERNAL_PATH} for when Redis is down. Ingester
 * and query hold the last good one in memory and on disk.
 *
 * @param version increases with every change of the registry; a reader never goes back to an older
 *     one
 */
public record DiscoverySnapshot(
    @Schema(example = "42") long version,
    @Schema(description = "When admin built this snapshot") Instant timestamp,
    List<DiscoveredElement> storageElements) {

  public static final String REDIS_KEY = "artstore:storage_elements";
  public static final String REDIS_CHANNEL = "artstore:service_discovery";
  public static final String INTERNAL_PATH = "/api/v1/internal/storage-elements";

  public DiscoverySnapshot {
    storageElements = storageElements == null ? List.of() : List.copyOf(storageElements);
  }

  public static DiscoverySnapshot empty() {
    return new DiscoverySnapshot(0, Instant.EPOCH, List.of());
  }
}
