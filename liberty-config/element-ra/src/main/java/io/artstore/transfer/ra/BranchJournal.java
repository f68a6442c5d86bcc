package io.artstore.transfer.ra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The adapter's own small log: one fsynced file per branch it started, written before the element
 * hears of the branch and removed once the element reported the outcome. The transaction manager's
 * recovery log holds only XIDs; after a crash this journal tells which element (and role, file)
 * each XID's branch lives on, so recover() knows whom to ask and commit/rollback where to go.
 */
final class BranchJournal {
  /** One branch: what it is, and which run of the adapter started it. */
  record Entry(String branch, BranchRequest request, String run, Instant startedAt) {}

  private final Path directory;

  BranchJournal(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  void record(Entry entry) {
    Properties p = new Properties();
    p.setProperty("branch", entry.branch());
    p.setProperty("element_id", entry.request().elementId());
    p.setProperty("base_url", entry.request().baseUrl());
    p.setProperty("role", entry.request().role());
    p.setProperty("file_id", entry.request().fileId());
    if (entry.request().version() != null) {
      p.setProperty("version", entry.request().version().toString());
    }
    p.setProperty("run", entry.run());
    p.setProperty("started_at", entry.startedAt().toString());
    try {
      Files.createDirectories(directory);
      Path temp = directory.resolve(entry.branch() + ".tmp");
      try (OutputStream out = Files.newOutputStream(temp)) {
        p.store(out, "ArtStore transfer branch");
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Path target = fileOf(entry.branch());
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("Transfer branch journal not written: " + entry.branch(), e);
    }
  }

  Optional<Entry> find(String branch) {
    return read(fileOf(branch));
  }

  void remove(String branch) {
    try {
      if (Files.deleteIfExists(fileOf(branch))) {
        syncDirectory();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Transfer branch journal not updated: " + branch, e);
    }
  }

  List<Entry> all() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return entries;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.branch")) {
      for (Path file : files) {
        read(file).ifPresent(entries::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Transfer branch journal not readable", e);
    }
    return entries;
  }

  private Optional<Entry> read(Path file) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Transfer branch journal not readable: " + file, e);
    }
    String version = p.getProperty("version");
    return Optional.of(
        new Entry(
            p.getProperty("branch"),
            new BranchRequest(
                p.getProperty("element_id"),
                p.getProperty("base_url"),
                p.getProperty("role"),
                p.getProperty("file_id"),
                version == null ? null : Long.valueOf(version)),
            p.getProperty("run"),
            Instant.parse(p.getProperty("started_at"))));
  }

  private Path fileOf(String branch) {
    return directory.resolve(branch + ".branch");
  }

  /** A created or removed entry survives a crash only once its directory is synced too. */
  private void syncDirectory() throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for syncing; the rename is then as durable as
      // they make it.
    }
  }
}
