package io.artstore.storage.application;

import io.artstore.storage.domain.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The non-file fields of an upload, as far as they are known. Fields that arrive before the file
 * part shape where the bytes go (file id, uploader); the rest only go into attr.json.
 */
public record UploadForm(
    UUID fileId,
    String description,
    List<String> tags,
    Map<String, String> metadata,
    RetentionPolicy retentionPolicy,
    Integer ttlDays,
    String uploadedById,
    String uploadedByName) {

  public static UploadForm empty() {
    return new UploadForm(null, null, List.of(), Map.of(), null, null, null, null);
  }
}
