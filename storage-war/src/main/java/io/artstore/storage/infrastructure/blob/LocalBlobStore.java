package io.artstore.storage.infrastructure.blob;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The blob store on a local file system under one root directory. A write goes to {@code
 * .tmp-<uuid>.part} in the target's directory, is fsynced, renamed over the key and the directory
 * fsynced; anything whose name starts with a dot (temporaries, {@code .wal}, {@code .ids}, the
 * element state file) is never listed as an object.
 */
public final class LocalBlobStore implements BlobStore {
  private static final Logger LOG = Logger.getLogger(LocalBlobStore.class.getName());
  private static final String TEMP_PREFIX = ".tmp-";
  private static final String TEMP_SUFFIX = ".part";
  private static final int STREAM_BUFFER = 64 * 1024;

  private final Path root;

  public LocalBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String type() {
    return "local";
  }

  /**
   * The file of {@code key}, refusing anything that could leave the root or alias another key.
   *
   * @throws IllegalArgumentException for an absolute key, a {@code ..} or {@code .} or empty
   *     segment, a backslash or a NUL
   */
  Path resolve(String key) {
    BlobKeys.requireSafe(key);
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("key leaves the store: " + key);
    }
    return path;
  }

  private static Path tempFileFor(Path target) {
    return target.resolveSibling(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
  }

  private static boolean isTemporary(String fileName) {
    return fileName.startsWith(TEMP_PREFIX) && fileName.endsWith(TEMP_SUFFIX);
  }

  @Override
  public DataWrite createData(String key) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = tempFileFor(target);
    FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new LocalDataWrite(target, temp, channel);
  }

  private static final class LocalDataWrite implements DataWrite {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean finished;
    private boolean done;

    LocalDataWrite(Path target, Path temp, FileChannel channel) {
      this.target = target;
      this.temp = temp;
      this.channel = channel;
      this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), STREAM_BUFFER);
    }

    @Override
    public OutputStream stream() {
      return stream;
    }

    @Override
    public synchronized void finish() throws IOException {
      if (done) {
        throw new IllegalStateException("write already published or aborted");
      }
      if (finished) {
        return;
      }
      stream.flush();
      channel.force(true);
      channel.close();
      finished = true;
    }

    @Override
    public synchronized void publish() throws IOException {
      if (done) {
        throw new IllegalStateException("write already published or aborted");
      }
      if (!finished) {
        throw new IllegalStateException("publish before finish");
      }
      moveAtomically(temp, target);
      done = true;
      fsyncDirectory(target.getParent());
    }

    @Override
    public synchronized void abort() {
      if (done) {
        return;
      }
      done = true;
      try {
        channel.close();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing an aborted write", e);
      }
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove " + temp + "; removeTemporaries will", e);
      }
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory on the same file system: only exotic file systems get here.
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** fsync of a directory entry; some platforms (Windows) refuse to open a directory. */
  private static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.log(Level.FINEST, "directory fsync not supported here", e);
    }
  }

  @Override
  public void putSmall(String key, byte[] content) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = tempFileFor(target);
    try {
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      moveAtomically(temp, target);
      fsyncDirectory(target.getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<byte[]> readSmall(String key, int maxBytes) throws IOException {
    Path file = resolve(key);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > maxBytes) {
        throw new IOException(key + " has " + size + " bytes, more than " + maxBytes);
      }
      // Read up to maxBytes + 1: a file growing between size() and the read is still refused.
      InputStream in = Channels.newInputStream(channel);
      byte[] content = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
      if (content.length > maxBytes) {
        throw new IOException(key + " has more than " + maxBytes + " bytes");
      }
      return Optional.of(content);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    Path file = resolve(key);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset);
      InputStream in = Channels.newInputStream(channel);
      return length < 0 ? in : new BoundedInputStream(in, length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Optional<BlobStat> stat(String key) throws IOException {
    Path file = resolve(key);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new BlobStat(key, attributes.size(), attributes.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public void move(String from, String to) throws IOException {
    Path source = resolve(from);
    Path target = resolve(to);
    if (!Files.isRegularFile(source)) {
      if (Files.isRegularFile(target)) {
        return; // moved before
      }
      throw new NoSuchFileException(from);
    }
    Files.createDirectories(target.getParent());
    moveAtomically(source, target);
    fsyncDirectory(target.getParent());
    Path sourceDir = source.getParent();
    fsyncDirectory(sourceDir);
    removeEmptyParents(sourceDir);
  }

  @Override
  public boolean delete(String key) throws IOException {
    Path file = resolve(key);
    if (Files.isDirectory(file)) {
      return false;
    }
    if (!Files.deleteIfExists(file)) {
      return false;
    }
    Path dir = file.getParent();
    fsyncDirectory(dir);
    removeEmptyParents(dir);
    return true;
  }

  /** Best effort: a concurrent write may be creating a file in one of them, which is fine. */
  private void removeEmptyParents(Path dir) {
    Path current = dir;
    while (current != null && current.startsWith(root) && !current.equals(root)) {
      try {
        Files.delete(current);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      } catch (IOException e) {
        LOG.log(Level.FINE, "could not remove empty directory " + current, e);
        return;
      }
      Path parent = current.getParent();
      fsyncDirectory(parent);
      current = parent;
    }
  }

  @Override
  public void walk(Consumer<BlobStat> visitor) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
              visitor.accept(
                  new BlobStat(keyOf(file), attrs.size(), attrs.lastModifiedTime().toInstant()));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // deleted or renamed during the walk
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private String keyOf(Path file) {
    Path relative = root.relativize(file);
    StringBuilder key = new StringBuilder();
    for (Path segment : relative) {
      if (key.length() > 0) {
        key.append('/');
      }
      key.append(segment);
    }
    return key.toString();
  }

  @Override
  public int removeTemporaries() throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int[] removed = {0};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            // The element's own dot-directories at the root (.wal, .ids, ...) are not ours; the
            // staging area is (its copies are written with createData).
            String name = dir.getFileName().toString();
            if (root.equals(dir.getParent()) && name.startsWith(".") && !name.equals(STAGING_DIR)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile() && isTemporary(file.getFileName().toString())) {
              if (Files.deleteIfExists(file)) {
                removed[0]++;
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return removed[0];
  }

  @Override
  public OptionalLong usableSpace() throws IOException {
    return OptionalLong.of(Files.getFileStore(root).getUsableSpace());
  }

  @Override
  public boolean reachable() {
    return Files.isDirectory(root) && Files.isWritable(root);
  }

  @Override
  public void close() {
    // Nothing held open between calls.
  }
}
