package io.artstore.storage.application;

import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The non-file fields of an upload, as far as they are known. Fields that arrive before the file
 * part shape where and how the bytes go (file id, uploader, compression); the rest only go into
 * attr.json or are checked once the bytes are in (checksum).
 *
 * @param checksum the SHA-256 the client expects of the original bytes, lower-case hex; null when
 *     it sent none
 * @param compression how to store the bytes; null when not asked for (stored as sent)
 */
public record UploadForm(
    UUID fileId,
    String description,
    List<String> tags,
    Map<String, String> metadata,
    RetentionPolicy retentionPolicy,
    Integer ttlDays,
    String uploadedById,
    String uploadedByName,
    String checksum,
    Compression compression) {

  /** A form without checksum and compression. */
  public UploadForm(
      UUID fileId,
      String description,
      List<String> tags,
      Map<String, String> metadata,
      RetentionPolicy retentionPolicy,
      Integer ttlDays,
      String uploadedById,
      String uploadedByName) {
    this(
        fileId,
        description,
        tags,
        metadata,
        retentionPolicy,
        ttlDays,
        uploadedById,
        uploadedByName,
        null,
        null);
  }

  public static UploadForm empty() {
    return new UploadForm(null, null, List.of(), Map.of(), null, null, null, null);
  }

  /** The compression asked for, {@link Compression#NONE} when none was. */
  public Compression compressionOrNone() {
    return compression == null ? Compression.NONE : compression;
  }
}
