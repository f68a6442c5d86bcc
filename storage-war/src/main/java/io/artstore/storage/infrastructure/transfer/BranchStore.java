package io.artstore.storage.infrastructure.transfer;

import io.artstore.shared.infrastructure.fs.AtomicFiles;
import io.artstore.storage.domain.transfer.BranchId;
import io.artstore.storage.domain.transfer.BranchRole;
import io.artstore.storage.domain.transfer.BranchState;
import io.artstore.storage.domain.transfer.TransferBranch;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The durable state of transfer branches: {@code .transfers/<branch>.json} in the element's data
 * directory (its own disk, like the WAL, also for S3 elements), one small file per branch, replaced
 * atomically and fsynced (temp file, fsync, rename, directory fsync) at every state change. A crash
 * leaves the old state or the new one, never a torn one; the directory alone tells what every
 * branch was doing. The field names are written explicitly: the format outlives the code.
 */
public final class BranchStore {
  private static final Logger LOG = Logger.getLogger(BranchStore.class.getName());
  public static final String DIR = ".transfers";
  private static final String SUFFIX = ".json";

  private final Path dir;

  public BranchStore(Path dataDir) throws IOException {
    this.dir = dataDir.resolve(DIR);
    Files.createDirectories(dir);
  }

  public Path dir() {
    return dir;
  }

  /** Writes the branch's state durably; the change has happened when this returns. */
  public void save(TransferBranch branch) throws IOException {
    AtomicFiles.write(fileOf(branch.branch()), encode(branch), false);
  }

  /** Forgets the branch durably. Idempotent. */
  public void delete(BranchId branch) throws IOException {
    if (Files.deleteIfExists(fileOf(branch))) {
      AtomicFiles.fsyncDirectory(dir);
    }
  }

  /**
   * Every branch on disk. Temporary files of an interrupted {@link #save} are removed (the save
   * never happened: the previous state is the truth); an unreadable record is moved aside as {@code
   * .<name>.unreadable} and reported, never silently dropped.
   */
  public List<TransferBranch> loadAll() throws IOException {
    List<TransferBranch> branches = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          if (name.endsWith(".tmp")) {
            Files.deleteIfExists(file);
          }
          continue;
        }
        if (!name.endsWith(SUFFIX)) {
          continue;
        }
        try {
          branches.add(decode(Files.readAllBytes(file)));
        } catch (RuntimeException e) {
          Path aside = dir.resolve("." + name + ".unreadable");
          Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          LOG.severe(
              () -> "Unreadable transfer branch record " + file + " moved to " + aside + ": " + e);
        }
      }
    }
    return branches;
  }

  private Path fileOf(BranchId branch) {
    return dir.resolve(branch.value() + SUFFIX);
  }

  static byte[] encode(TransferBranch b) {
    JsonObjectBuilder o =
        Json.createObjectBuilder()
            .add("schema_version", 1)
            .add("branch", b.branch().value())
            .add("role", b.role().wireName())
            .add("file_id", b.fileId().toString())
            .add("state", b.state().wireName())
            .add("size_bytes", b.sizeBytes())
            .add("reserved_bytes", b.reservedBytes())
            .add("created_at", b.createdAt().toString())
            .add("updated_at", b.updatedAt().toString());
    addNullable(o, "staged_key", b.stagedKey());
    addNullable(o, "data_key", b.dataKey());
    addNullable(o, "checksum", b.checksum());
    addNullable(o, "document", b.document());
    addNullable(o, "prepared_at", b.preparedAt() == null ? null : b.preparedAt().toString());
    addNullable(o, "resolved_at", b.resolvedAt() == null ? null : b.resolvedAt().toString());
    addNullable(o, "refusal_code", b.refusalCode());
    addNullable(o, "refusal_detail", b.refusalDetail());
    return o.build().toString().getBytes(StandardCharsets.UTF_8);
  }

  static TransferBranch decode(byte[] bytes) {
    JsonObject o;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      o = reader.readObject();
    }
    return new TransferBranch(
        new BranchId(o.getString("branch")),
        BranchRole.parse(o.getString("role")).orElseThrow(),
        UUID.fromString(o.getString("file_id")),
        BranchState.parse(o.getString("state")).orElseThrow(),
        o.getString("staged_key", null),
        o.getString("data_key", null),
        o.getJsonNumber("size_bytes").longValue(),
        o.getString("checksum", null),
        o.getString("document", null),
        o.getJsonNumber("reserved_bytes").longValue(),
        Instant.parse(o.getString("created_at")),
        Instant.parse(o.getString("updated_at")),
        instant(o, "prepared_at"),
        instant(o, "resolved_at"),
        o.getString("refusal_code", null),
        o.getString("refusal_detail", null));
  }

  private static Instant instant(JsonObject o, String name) {
    String value = o.getString(name, null);
    return value == null ? null : Instant.parse(value);
  }

  private static void addNullable(JsonObjectBuilder o, String name, String value) {
    if (value != null) {
      o.add(name, value);
    }
  }
}
