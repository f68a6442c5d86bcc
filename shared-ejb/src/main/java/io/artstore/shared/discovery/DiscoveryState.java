package io.artstore.shared.discovery;

import java.time.Instant;
import java.util.Objects;

/**
 * The snapshot a service holds, where it was last confirmed from, and when.
 *
 * @param lastUpdated when the snapshot was adopted or last confirmed current by {@code source} (for
 *     a snapshot read from disk: when that file was written); null with source {@code NONE}
 */
public record DiscoveryState(
    DiscoverySnapshot snapshot, DiscoverySource source, Instant lastUpdated) {

  public DiscoveryState {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(source, "source");
  }

  public static DiscoveryState none() {
    return new DiscoveryState(DiscoverySnapshot.empty(), DiscoverySource.NONE, null);
  }

  /** What offering a snapshot did to the state. */
  public enum Outcome {
    /** A newer version: now held (and to be persisted). */
    ADOPTED,
    /** The version held, seen again from a live source: source and time refreshed. */
    CONFIRMED,
    /** Older than the one held, or the same version from the disk: nothing changed. */
    IGNORED
  }

  /**
   * The rules of adoption: a newer version always wins, whatever its source; the same version seen
   * again from a live source confirms it (the source becomes that one); an older version is never
   * taken (a reader never goes back). A snapshot from the disk is only taken when nothing newer is
   * held.
   */
  public Outcome judge(DiscoverySnapshot offered, DiscoverySource from) {
    if (source == DiscoverySource.NONE || offered.version() > snapshot.version()) {
      return Outcome.ADOPTED;
    }
    if (offered.version() == snapshot.version() && from.live()) {
      return Outcome.CONFIRMED;
    }
    return Outcome.IGNORED;
  }

  public DiscoveryState apply(
      Outcome outcome, DiscoverySnapshot offered, DiscoverySource from, Instant at) {
    return switch (outcome) {
      case ADOPTED -> new DiscoveryState(offered, from, at);
      case CONFIRMED -> new DiscoveryState(snapshot, from, at);
      case IGNORED -> this;
    };
  }
}
