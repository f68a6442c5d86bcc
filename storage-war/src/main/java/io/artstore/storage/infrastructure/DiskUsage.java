package io.artstore.storage.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/**
 * How many bytes and files the element's data directory holds, and how much the file system can
 * still take. The tree walk is cached for a few seconds: {@code /info} is polled by admin's health
 * sync and must stay cheap. (The metadata cache of the storage engine replaces the walk with
 * counters kept on every write.)
 */
@ApplicationScoped
public class DiskUsage {
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  public record Usage(long usedBytes, long fileCount, long usableBytes) {}

  private record Scan(long usedBytes, long fileCount, long takenAtNanos) {}

  private volatile Scan last;

  public Usage usage(Path dataDir) {
    Scan scan = last;
    if (scan == null || System.nanoTime() - scan.takenAtNanos() > CACHE_FOR.toNanos()) {
      scan = scan(dataDir);
      last = scan;
    }
    try {
      long usable = Files.getFileStore(dataDir).getUsableSpace();
      return new Usage(scan.usedBytes(), scan.fileCount(), usable);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stored files are counted by their attribute documents; every regular file takes space. */
  private static Scan scan(Path dataDir) {
    long[] totals = new long[2];
    try {
      Files.walkFileTree(
          dataDir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                totals[0] += attrs.size();
                if (file.getFileName().toString().endsWith(".attr.json")) {
                  totals[1]++;
                }
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // A file removed during the walk is not an error.
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Scan(totals[0], totals[1], System.nanoTime());
  }
}
