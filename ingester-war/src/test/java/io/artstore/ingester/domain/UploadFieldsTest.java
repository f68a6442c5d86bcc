package io.artstore.ingester.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.ingester.domain.UploadFields.Field;
import io.artstore.ingester.domain.UploadFields.FieldException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UploadFieldsTest {
  static final String HEX = ContentDigestsTest.HEX;

  @Test
  void defaultsToTemporaryWithoutCompression() {
    UploadFields fields = new UploadFields();
    assertEquals(Placement.TEMPORARY, fields.fileStarts());
    assertEquals("none", fields.compress());
    assertTrue(fields.checksum().isEmpty());
  }

  @Test
  void placementFieldsAreCheckedAndNormalised() {
    UploadFields fields = new UploadFields();
    assertEquals(
        Optional.of(new Field("retention_policy", "permanent")),
        fields.accept("retention_policy", " Permanent "));
    assertEquals(Optional.of(new Field("compress", "gzip")), fields.accept("compress", "GZIP"));
    assertEquals(Placement.PERMANENT, fields.fileStarts());
    assertEquals("gzip", fields.compress());
    assertEquals("retention_policy", refused(new UploadFields(), "retention_policy", "x"));
    assertEquals("compress", refused(new UploadFields(), "compress", "lz4"));
    assertEquals(Optional.empty(), new UploadFields().accept("compress", "none"));
  }

  @Test
  void placementFieldsMustPrecedeTheFile() {
    UploadFields fields = new UploadFields();
    fields.fileStarts();
    assertEquals("retention_policy", refused(fields, "retention_policy", "permanent"));
    assertEquals("compress", refused(fields, "compress", "gzip"));
    // Descriptive fields may follow the file.
    assertEquals(
        Optional.of(new Field("description", "later")), fields.accept("description", "later"));
  }

  @Test
  void ttlIsForTemporaryFilesAndInRange() {
    assertEquals("ttl_days", refused(new UploadFields(), "ttl_days", "0"));
    assertEquals("ttl_days", refused(new UploadFields(), "ttl_days", "366"));
    assertEquals("ttl_days", refused(new UploadFields(), "ttl_days", "ten"));
    assertEquals(
        Optional.of(new Field("ttl_days", "7")), new UploadFields().accept("ttl_days", " 7 "));
    UploadFields permanentFirst = new UploadFields();
    permanentFirst.accept("retention_policy", "permanent");
    permanentFirst.accept("ttl_days", "3");
    FieldException e = assertThrows(FieldException.class, permanentFirst::fileStarts);
    assertEquals("ttl_days", e.field());
    UploadFields ttlAfter = new UploadFields();
    ttlAfter.accept("retention_policy", "permanent");
    ttlAfter.fileStarts();
    assertEquals("ttl_days", refused(ttlAfter, "ttl_days", "3"));
  }

  @Test
  void checksumsFromHeaderAndFieldMustAgree() {
    UploadFields fields = new UploadFields();
    assertEquals(
        Optional.of(new Field("checksum", HEX)), fields.expectChecksum(HEX, "Content-Digest"));
    assertEquals(Optional.empty(), fields.accept("checksum", "sha256:" + HEX));
    assertEquals("checksum", refused(fields, "checksum", "0".repeat(64)));
    assertEquals("checksum", refused(new UploadFields(), "checksum", "abc"));
  }

  @Test
  void onlyKnownDescriptiveFieldsArePassedOn() {
    UploadFields fields = new UploadFields();
    assertEquals(Optional.of(new Field("tags", "[\"a\"]")), fields.accept("tags", "[\"a\"]"));
    assertEquals(Optional.of(new Field("metadata", "{}")), fields.accept("metadata", "{}"));
    assertEquals(
        Optional.empty(), fields.accept("file_id", "7b0c6a1e-4f7e-4a57-9a57-2f2a7e0e8a11"));
    assertEquals(Optional.empty(), fields.accept("uploaded_by", "{\"id\":\"mallory\"}"));
    assertEquals(Optional.empty(), fields.accept("whatever", "x"));
  }

  private static String refused(UploadFields fields, String name, String value) {
    return assertThrows(FieldException.class, () -> fields.accept(name, value)).field();
  }
}
