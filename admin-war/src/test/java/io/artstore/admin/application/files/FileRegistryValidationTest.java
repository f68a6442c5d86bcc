package io.artstore.admin.application.files;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.client.storage.StoredFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileRegistryValidationTest {
  static StoredFile file(String fileId, String checksum, String retention, long version) {
    Instant now = Instant.parse("2026-11-22T03:00:00Z");
    return new StoredFile(
        "2",
        fileId,
        "a.txt",
        "a_u_20261122T030000_" + fileId + ".txt",
        "2026/11/22/03/",
        3,
        "text/plain",
        new StoredFile.Checksum("sha256", checksum),
        now,
        now,
        new StoredFile.Uploader("sub", "name"),
        null,
        List.of(),
        Map.of(),
        retention,
        30,
        now.plusSeconds(86400 * 30),
        "active",
        "se-edit-1",
        version);
  }

  private static final String SHA = "a".repeat(64);

  @Test
  void theElementsDocumentIsAccepted() {
    assertDoesNotThrow(
        () -> FileRegistry.validate(file(UUID.randomUUID().toString(), SHA, "temporary", 1)));
  }

  @Test
  void everyBrokenFieldIsNamed() {
    ApiException e =
        assertThrows(
            ApiException.class, () -> FileRegistry.validate(file("nope", "XYZ", "forever", 0)));
    assertEquals(
        List.of("file_id", "checksum", "retention_policy", "version"),
        e.violations().stream().map(FieldViolation::field).toList());
  }

  @Test
  void aMissingBodyIsAValidationError() {
    assertThrows(ApiException.class, () -> FileRegistry.validate(null));
  }
}
