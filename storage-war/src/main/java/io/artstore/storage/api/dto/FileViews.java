package io.artstore.storage.api.dto;

import io.artstore.shared.client.storage.StoredFile;
import io.artstore.storage.domain.FileAttributes;

/** The element's attributes of a file in the shared wire shape. */
public final class FileViews {
  private FileViews() {}

  public static StoredFile of(FileAttributes a) {
    return new StoredFile(
        a.schemaVersion(),
        a.fileId().toString(),
        a.originalFilename(),
        a.storageFilename(),
        a.storagePath(),
        a.sizeBytes(),
        a.contentType(),
        new StoredFile.Checksum(a.checksum().algorithm(), a.checksum().value()),
        a.createdAt(),
        a.updatedAt(),
        a.uploadedBy() == null
            ? null
            : new StoredFile.Uploader(a.uploadedBy().id(), a.uploadedBy().name()),
        a.description(),
        a.tags(),
        a.metadata(),
        a.retentionPolicy().wireName(),
        a.ttlDays(),
        a.expiresAt(),
        a.status().wireName(),
        a.storageElementId(),
        a.version(),
        a.storedEncoding() == null ? null : a.storedEncoding().compression().wireName(),
        a.storedEncoding() == null ? null : a.storedEncoding().sizeBytes(),
        a.storedEncoding() == null
            ? null
            : new StoredFile.Checksum(
                a.storedEncoding().checksum().algorithm(), a.storedEncoding().checksum().value()));
  }
}
