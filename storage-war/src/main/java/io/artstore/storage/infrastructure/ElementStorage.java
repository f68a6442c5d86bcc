package io.artstore.storage.infrastructure;

import io.artstore.storage.infrastructure.attr.FileIdIndex;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The element's storage parts, opened together at start-up: the blob store with the bytes and
 * attr.json documents, and on the element's own disk the write-ahead log and the file id index.
 */
public record ElementStorage(BlobStore blobs, WriteAheadLog wal, FileIdIndex ids) {
  public static final String WAL_DIR = ".wal";
  public static final String ID_INDEX_DIR = ".ids";

  public static ElementStorage open(BlobStore blobs, Path dataDir, Path walDir) throws IOException {
    return new ElementStorage(
        blobs,
        new WriteAheadLog(walDir == null ? dataDir.resolve(WAL_DIR) : walDir),
        new FileIdIndex(dataDir.resolve(ID_INDEX_DIR)));
  }
}
