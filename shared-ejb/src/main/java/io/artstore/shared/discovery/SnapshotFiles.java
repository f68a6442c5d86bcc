package io.artstore.shared.discovery;

import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.infrastructure.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The snapshot JSON (the same snake_case document admin writes to Redis and serves), parsed and
 * written with the shared JSON-B configuration, and its persisted copy on local disk.
 */
public final class SnapshotFiles {
  private SnapshotFiles() {}

  public static DiscoverySnapshot parse(String json) {
    DiscoverySnapshot snapshot =
        JsonbConfigResolver.jsonb().fromJson(json, DiscoverySnapshot.class);
    if (snapshot == null) {
      throw new IllegalArgumentException("Not a discovery snapshot: null");
    }
    return snapshot;
  }

  public static String toJson(DiscoverySnapshot snapshot) {
    return JsonbConfigResolver.jsonb().toJson(snapshot);
  }

  /** Replaces the persisted snapshot atomically (a crash leaves the old file or the new). */
  public static void write(Path file, DiscoverySnapshot snapshot) throws IOException {
    AtomicFiles.write(file, toJson(snapshot).getBytes(StandardCharsets.UTF_8), false);
  }

  /** A persisted snapshot and when it was written. */
  public record Persisted(DiscoverySnapshot snapshot, Instant writtenAt) {}

  /**
   * The persisted snapshot; empty when there is none.
   *
   * @throws IOException when the file exists but cannot be read or is not a snapshot
   */
  public static Optional<Persisted> read(Path file) throws IOException {
    String json;
    Instant writtenAt;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
      writtenAt = Files.getLastModifiedTime(file).toInstant();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Persisted(parse(json), writtenAt));
    } catch (RuntimeException e) {
      throw new IOException("Not a discovery snapshot: " + file + " (" + e.getMessage() + ")", e);
    }
  }
}
