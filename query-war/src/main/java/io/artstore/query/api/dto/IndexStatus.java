package io.artstore.query.api.dto;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The search index: its size, how far behind the event feed it is, and the last rebuild. */
@Schema(name = "IndexStatus")
public record IndexStatus(
    @Schema(description = "Files in the index (any status)", example = "1000000") long files,
    @Schema(description = "Seconds the index is behind the event feed", example = "0")
        double lagSeconds,
    @Schema(description = "Whether this replica reads the event feed now") boolean feedConnected,
    @Schema(description = "Events this replica applied since it started") long eventsApplied,
    @Schema(description = "Whether this replica is rebuilding now") boolean rebuilding,
    Rebuild lastRebuild) {

  /** The latest rebuild (any replica). */
  @Schema(name = "IndexRebuild")
  public record Rebuild(
      Instant startedAt,
      Instant finishedAt,
      @Schema(enumeration = {"running", "succeeded", "failed"}) String state,
      @Schema(example = "requested by admin") String reason,
      @Schema(description = "Registry files written") long files,
      @Schema(description = "Index rows no longer in the registry, deleted") long deleted,
      String error) {}
}
