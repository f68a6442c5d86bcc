package io.artstore.storage.infrastructure.attr;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * file id → data key, on the element's own disk ({@code .ids/<2 hex>/<uuid>} symbolic links whose
 * target text is the key). It lets the element find a file's attr.json by id without PostgreSQL
 * (SPEC §3.5: reads fall back to attr.json when the cache misses or the database is down). A link
 * costs one inode and no data block. The index is derived data: a cache rebuild recreates it from
 * the attr.json files, so it is not fsynced on every write.
 */
public final class FileIdIndex {
  private final Path root;

  public FileIdIndex(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  public void put(UUID fileId, String dataKey) throws IOException {
    Path link = linkOf(fileId);
    Files.createDirectories(link.getParent());
    try {
      Files.createSymbolicLink(link, Path.of(dataKey));
    } catch (FileAlreadyExistsException e) {
      if (!dataKey.equals(get(fileId).orElse(null))) {
        Files.delete(link);
        Files.createSymbolicLink(link, Path.of(dataKey));
      }
    }
  }

  public Optional<String> get(UUID fileId) throws IOException {
    try {
      return Optional.of(Files.readSymbolicLink(linkOf(fileId)).toString());
    } catch (NoSuchFileException | NotLinkException e) {
      return Optional.empty();
    }
  }

  public void remove(UUID fileId) throws IOException {
    Files.deleteIfExists(linkOf(fileId));
  }

  private Path linkOf(UUID fileId) {
    String id = fileId.toString();
    return root.resolve(id.substring(0, 2)).resolve(id);
  }
}
