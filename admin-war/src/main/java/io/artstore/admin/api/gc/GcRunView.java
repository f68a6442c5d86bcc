package io.artstore.admin.api.gc;

import io.artstore.admin.application.gc.GarbageCollector;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The summary of one GC pass ({@code POST /api/v1/gc/run}). */
public record GcRunView(
    @Schema(
            enumeration = {"scheduled", "manual"},
            example = "manual")
        String trigger,
    Instant startedAt,
    Instant finishedAt,
    @Schema(
            description = "Whether failed files were tried regardless of their back-off",
            example = "true")
        boolean ignoredBackoff,
    @Schema(description = "Candidates looked at", example = "3") int examined,
    @Schema(description = "Removed from their element", example = "2") int purged,
    @Schema(
            description = "Removals that failed (element offline, unreachable, 5xx, refused)",
            example = "1")
        int failed,
    @Schema(
            description = "Candidates not tried (element not registered, changed meanwhile)",
            example = "0")
        int skipped,
    @Schema(description = "file.expiring events raised", example = "1") int expiringEvents,
    @Schema(description = "Files still waiting for removal after the pass", example = "1")
        long pending) {

  public static GcRunView of(GarbageCollector.Summary s) {
    return new GcRunView(
        s.trigger(),
        s.startedAt(),
        s.finishedAt(),
        s.ignoredBackoff(),
        s.examined(),
        s.purged(),
        s.failed(),
        s.skipped(),
        s.expiringEvents(),
        s.pending());
  }
}
