package io.artstore.admin.api.gc;

import io.artstore.admin.infrastructure.GcRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where retention GC stands ({@code GET /api/v1/gc/status}). */
public record GcStatusView(
    @Schema(description = "Scheduled interval (ISO-8601); PT0S = scheduled passes are off")
        String interval,
    @Schema(description = "How long deleted files are kept before removal", example = "P1D")
        String deletedGrace,
    @Schema(description = "Window of file.expiring events", example = "P7D") String expiringWithin,
    @Schema(description = "The last pass of any admin replica; absent before the first")
        LastRun lastRun,
    @Schema(description = "Files waiting for removal (due or backing off)", example = "4")
        long pending,
    @Schema(description = "Files whose last removal attempt failed", example = "1") long failing,
    @Schema(description = "The 20 most recent failures") List<FailureView> failures) {

  /** The last recorded pass. */
  public record LastRun(
      @Schema(
              enumeration = {"scheduled", "manual"},
              example = "scheduled")
          String trigger,
      Instant startedAt,
      Instant finishedAt,
      int examined,
      int purged,
      int failed,
      int skipped,
      int expiringEvents,
      @Schema(description = "Why the pass stopped early, if it did") String error) {

    public static LastRun of(GcRepository.Run r) {
      return new LastRun(
          r.trigger(),
          r.startedAt(),
          r.finishedAt(),
          r.examined(),
          r.purged(),
          r.failed(),
          r.skipped(),
          r.expiringEvents(),
          r.error());
    }
  }

  /** A file whose removal failed. */
  public record FailureView(
      UUID fileId,
      @Schema(example = "se-edit-1") String storageElementId,
      @Schema(example = "2") int attempts,
      @Schema(example = "element se-edit-1 did not answer: ConnectException: Connection refused")
          String lastError,
      Instant lastAttemptAt,
      @Schema(description = "When a scheduled pass tries again") Instant nextAttemptAt) {

    public static FailureView of(GcRepository.Failure f) {
      return new FailureView(
          f.fileId(),
          f.storageElementId(),
          f.attempts(),
          f.lastError(),
          f.lastAttemptAt(),
          f.nextAttemptAt());
    }
  }
}
