package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.FileAttributes.Checksum;
import io.artstore.storage.domain.FileAttributes.Uploader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileAttributesTest {
  private static final UUID ID = UUID.fromString("0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11");
  private static final String HEX = "0123456789abcdef".repeat(4);
  private static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-11-02T00:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-11-22T02:00:00.5Z");

  static FileAttributes file(Instant expiresAt) {
    return new FileAttributes(
        FileAttributes.SCHEMA_VERSION,
        ID,
        "r.pdf",
        "r_alice_20261101T000000_" + ID + ".pdf",
        "2026/11/01/00/",
        10,
        "application/pdf",
        Checksum.sha256(HEX),
        CREATED,
        UPDATED,
        new Uploader("u1", "alice"),
        "old description",
        List.of("a", "b"),
        Map.of("k", "v"),
        RetentionPolicy.TEMPORARY,
        30,
        expiresAt,
        FileStatus.ACTIVE,
        "se-1",
        7);
  }

  @Test
  void withUserMetadataReplacesUserFieldsAndBumpsVersionAndUpdatedAt() {
    FileAttributes a = file(EXPIRES);
    FileAttributes b = a.withUserMetadata("new", List.of("x"), Map.of("n", "1"), NOW);
    FileAttributes expected =
        new FileAttributes(
            a.schemaVersion(),
            a.fileId(),
            a.originalFilename(),
            a.storageFilename(),
            a.storagePath(),
            a.sizeBytes(),
            a.contentType(),
            a.checksum(),
            a.createdAt(),
            NOW,
            a.uploadedBy(),
            "new",
            List.of("x"),
            Map.of("n", "1"),
            a.retentionPolicy(),
            a.ttlDays(),
            a.expiresAt(),
            a.status(),
            a.storageElementId(),
            8);
    assertEquals(expected, b);
    assertEquals(7, a.version(), "the original is unchanged");
    assertEquals(UPDATED, a.updatedAt());
  }

  @Test
  void withUserMetadataAcceptsNullCollections() {
    FileAttributes b = file(null).withUserMetadata(null, null, null, NOW);
    assertEquals(null, b.description());
    assertEquals(List.of(), b.tags());
    assertEquals(Map.of(), b.metadata());
    assertEquals(8, b.version());
  }

  @Test
  void withStatusChangesOnlyStatusVersionAndUpdatedAt() {
    FileAttributes a = file(EXPIRES);
    FileAttributes b = a.withStatus(FileStatus.DELETED, NOW);
    FileAttributes expected =
        new FileAttributes(
            a.schemaVersion(),
            a.fileId(),
            a.originalFilename(),
            a.storageFilename(),
            a.storagePath(),
            a.sizeBytes(),
            a.contentType(),
            a.checksum(),
            a.createdAt(),
            NOW,
            a.uploadedBy(),
            a.description(),
            a.tags(),
            a.metadata(),
            a.retentionPolicy(),
            a.ttlDays(),
            a.expiresAt(),
            FileStatus.DELETED,
            a.storageElementId(),
            8);
    assertEquals(expected, b);
    assertEquals(9, b.withStatus(FileStatus.EXPIRED, NOW).version());
  }

  @Test
  void keysAreStoragePathPlusFilename() {
    FileAttributes a = file(null);
    String data = "2026/11/01/00/r_alice_20261101T000000_" + ID + ".pdf";
    assertEquals(data, a.dataKey());
    assertEquals(data + ".attr.json", a.attrKey());
    assertEquals(data + ".attr.json", FileAttributes.attrKeyOf(data));
  }

  @Test
  void entityTags() {
    FileAttributes a = file(null);
    assertEquals("\"" + HEX + "\"", a.contentEtag());
    assertEquals("\"v7\"", a.metadataEtag());
    assertEquals("\"v8\"", a.withStatus(FileStatus.DELETED, NOW).metadataEtag());
    assertEquals(
        a.contentEtag(),
        a.withUserMetadata("d", List.of(), Map.of(), NOW).contentEtag(),
        "metadata changes keep the content tag");
  }

  @Test
  void expiryBoundary() {
    FileAttributes a = file(EXPIRES);
    assertFalse(a.isExpiredAt(EXPIRES.minusNanos(1)));
    assertTrue(a.isExpiredAt(EXPIRES), "expired at the very instant");
    assertTrue(a.isExpiredAt(EXPIRES.plusNanos(1)));
    assertFalse(file(null).isExpiredAt(Instant.MAX), "no expiry, never expired");
  }

  @Test
  void collectionsAreCopied() {
    java.util.ArrayList<String> tags = new java.util.ArrayList<>(List.of("a"));
    FileAttributes a = file(null).withUserMetadata("d", tags, Map.of(), NOW);
    tags.add("b");
    assertEquals(List.of("a"), a.tags());
  }
}
