package io.artstore.storage.infrastructure.attr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.FileAttributes.Checksum;
import io.artstore.storage.domain.FileAttributes.Uploader;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.RetentionPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttrJsonCodecTest {
  private static final UUID ID = UUID.fromString("0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11");
  private static final String HEX = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
  private static final String ELEMENT = "se-01";

  private static final List<String> SPEC_FIELDS =
      List.of(
          "schema_version",
          "file_id",
          "original_filename",
          "storage_filename",
          "storage_path",
          "size_bytes",
          "content_type",
          "checksum",
          "created_at",
          "updated_at",
          "uploaded_by",
          "description",
          "tags",
          "metadata",
          "retention_policy",
          "ttl_days",
          "expires_at",
          "status",
          "storage_element_id",
          "version");

  static FileAttributes full() {
    return new FileAttributes(
        FileAttributes.SCHEMA_VERSION,
        ID,
        "Отчёт «квартал» 🎨.pdf",
        "otchet_alice_20261122T020000_" + ID + ".pdf",
        "2026/11/22/02/",
        1_234_567_890_123L,
        "application/pdf",
        Checksum.sha256(HEX),
        Instant.parse("2026-11-22T02:00:00.123456789Z"),
        Instant.parse("2026-11-23T04:05:06Z"),
        new Uploader("sub-1", "Алиса"),
        "Ein \"Bericht\" mit\nZeilenumbruch und 日本語",
        List.of("финансы", "q4", "tag with spaces", "emoji🎨"),
        Map.of("department", "Бухгалтерия", "pages", "12", "draft", "false"),
        RetentionPolicy.TEMPORARY,
        30,
        Instant.parse("2026-12-22T02:00:00.123456789Z"),
        FileStatus.DELETED,
        "se-07",
        42);
  }

  static FileAttributes minimal(String description) {
    return new FileAttributes(
        FileAttributes.SCHEMA_VERSION,
        ID,
        null,
        "blob_" + ID,
        "2026/11/22/02/",
        0,
        null,
        Checksum.sha256(HEX),
        null,
        null,
        null,
        description,
        List.of(),
        Map.of(),
        RetentionPolicy.PERMANENT,
        null,
        null,
        FileStatus.ACTIVE,
        ELEMENT,
        1);
  }

  private static JsonObject parse(byte[] bytes) {
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
      return reader.readObject();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- schema 2 ----

  @Test
  void roundTripsEveryField() {
    FileAttributes a = full();
    FileAttributes back = AttrJsonCodec.decode(AttrJsonCodec.encode(a), "other-element");
    assertEquals(a, back);
    assertEquals("se-07", back.storageElementId(), "the stored element id wins over the argument");
  }

  @Test
  void aTransferredDocumentCarriesTransferredAtAndRoundTrips() {
    Instant when = Instant.parse("2026-12-01T10:00:00.5Z");
    FileAttributes a = minimal("moved").withStatus(FileStatus.TRANSFERRED, when);
    byte[] json = AttrJsonCodec.encode(a);
    JsonObject o;
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
      o = reader.readObject();
    }
    assertEquals("transferred", o.getString("status"));
    assertEquals(when.toString(), o.getString("transferred_at"));
    assertEquals(when.toString(), o.getString("updated_at"));
    FileAttributes back = AttrJsonCodec.decode(json, "se-1");
    assertEquals(a, back);
    assertEquals(when, back.transferredAt());
    assertFalse(
        new String(AttrJsonCodec.encode(minimal("x")), StandardCharsets.UTF_8)
            .contains("transferred_at"),
        "only transferred documents have it");
  }

  @Test
  void roundTripsNullsAndEmptyCollections() {
    FileAttributes a = minimal(null);
    FileAttributes back = AttrJsonCodec.decode(AttrJsonCodec.encode(a), "other-element");
    assertEquals(a, back);
    assertNull(back.uploadedBy());
    assertNull(back.ttlDays());
    assertNull(back.expiresAt());
    assertNull(back.originalFilename());
    assertNull(back.contentType());
    assertNull(back.createdAt());
    assertNull(back.description());
  }

  @Test
  void roundTripsAnUploaderWithoutName() {
    FileAttributes a = withUploader(minimal(null), new Uploader("sub-9", null));
    assertEquals(a, AttrJsonCodec.decode(AttrJsonCodec.encode(a), ELEMENT));
  }

  @Test
  void missingStorageElementIdIsTakenFromTheArgument() {
    FileAttributes a = withElement(minimal(null), null);
    FileAttributes back = AttrJsonCodec.decode(AttrJsonCodec.encode(a), "se-from-arg");
    assertEquals("se-from-arg", back.storageElementId());
  }

  @Test
  void encodedFieldNamesAreExactlyTheSpecList() {
    JsonObject o = parse(AttrJsonCodec.encode(full()));
    assertEquals(SPEC_FIELDS, new ArrayList<>(o.keySet()));
    assertEquals(
        List.of("algorithm", "value"), new ArrayList<>(o.getJsonObject("checksum").keySet()));
    assertEquals(List.of("id", "name"), new ArrayList<>(o.getJsonObject("uploaded_by").keySet()));
  }

  @Test
  void encodedFieldNamesAreTheSameWhenValuesAreNull() {
    JsonObject o = parse(AttrJsonCodec.encode(withElement(minimal(null), null)));
    assertEquals(SPEC_FIELDS, new ArrayList<>(o.keySet()));
    for (String nullable :
        List.of(
            "original_filename",
            "content_type",
            "created_at",
            "updated_at",
            "uploaded_by",
            "description",
            "ttl_days",
            "expires_at",
            "storage_element_id")) {
      assertEquals(JsonValue.NULL, o.get(nullable), nullable);
    }
  }

  @Test
  void encodedValuesHaveTheWireForms() {
    JsonObject o = parse(AttrJsonCodec.encode(full()));
    assertEquals("2", o.getString("schema_version"));
    assertEquals(ID.toString(), o.getString("file_id"));
    assertEquals(1_234_567_890_123L, o.getJsonNumber("size_bytes").longValueExact());
    assertEquals("sha256", o.getJsonObject("checksum").getString("algorithm"));
    assertEquals(HEX, o.getJsonObject("checksum").getString("value"));
    assertEquals("2026-11-22T02:00:00.123456789Z", o.getString("created_at"));
    assertEquals("temporary", o.getString("retention_policy"));
    assertEquals(30, o.getInt("ttl_days"));
    assertEquals("deleted", o.getString("status"));
    assertEquals(42, o.getJsonNumber("version").longValueExact());
    assertEquals(
        List.of("финансы", "q4", "tag with spaces", "emoji🎨"),
        o.getJsonArray("tags").getValuesAs(jakarta.json.JsonString::getString));
    // Metadata values are strings (SPEC), keys sorted for stable output.
    assertEquals(
        List.of("department", "draft", "pages"),
        new ArrayList<>(o.getJsonObject("metadata").keySet()));
    assertEquals("12", o.getJsonObject("metadata").getString("pages"));
  }

  @Test
  void encodedDocumentIsUtf8() {
    String text = new String(AttrJsonCodec.encode(full()), StandardCharsets.UTF_8);
    assertTrue(text.contains("Бухгалтерия"), text);
    assertTrue(text.endsWith("\n"));
  }

  // ---- size limit ----

  @Test
  void exactly4096BytesIsAcceptedAnd4097Refused() {
    int base = AttrJsonCodec.encode(minimal("x")).length;
    assertTrue(base < AttrJsonCodec.MAX_BYTES);
    String exact = "x".repeat(AttrJsonCodec.MAX_BYTES - base + 1);
    byte[] encoded = AttrJsonCodec.encode(minimal(exact));
    assertEquals(AttrJsonCodec.MAX_BYTES, encoded.length);
    assertEquals(exact, AttrJsonCodec.decode(encoded, ELEMENT).description());

    AttrJsonCodec.TooLargeException e =
        assertThrows(
            AttrJsonCodec.TooLargeException.class,
            () -> AttrJsonCodec.encode(minimal(exact + "x")));
    assertEquals(AttrJsonCodec.MAX_BYTES + 1, e.size());
  }

  @Test
  void theLimitCountsUtf8BytesNotCharacters() {
    int base = AttrJsonCodec.encode(minimal("x")).length;
    // "я" is two bytes in UTF-8: half as many characters as the ASCII filler that fits.
    int room = AttrJsonCodec.MAX_BYTES - base + 1;
    String cyrillic = "я".repeat(room / 2 + 1);
    assertThrows(
        AttrJsonCodec.TooLargeException.class, () -> AttrJsonCodec.encode(minimal(cyrillic)));
  }

  // ---- schema 1 (the original Python implementation) ----

  private static String v1(String schemaField, String storagePath) {
    return "{"
        + schemaField
        + "\"file_id\":\""
        + ID
        + "\",\"original_filename\":\"report.pdf\","
        + "\"storage_filename\":\"report_admin-service_20250110T153045_"
        + ID
        + ".pdf\",\"file_size\":123,\"content_type\":\"application/pdf\","
        + "\"created_at\":\"2025-01-10T15:30:45.123456Z\","
        + "\"updated_at\":\"2025-01-10 15:30:45.123456+00:00\","
        + "\"created_by_id\":\"sub-1\",\"created_by_username\":\"admin-service\","
        + "\"created_by_fullname\":null,\"description\":null,\"version\":\"3\","
        + "\"storage_path\":\""
        + storagePath
        + "\",\"checksum\":\""
        + HEX
        + "\",\"metadata\":{}}";
  }

  private static void assertOriginalReport(FileAttributes a) {
    assertEquals(FileAttributes.SCHEMA_VERSION, a.schemaVersion());
    assertEquals(ID, a.fileId());
    assertEquals("report.pdf", a.originalFilename());
    assertEquals("report_admin-service_20250110T153045_" + ID + ".pdf", a.storageFilename());
    assertEquals("2025/01/10/15/", a.storagePath());
    assertEquals(123, a.sizeBytes());
    assertEquals("application/pdf", a.contentType());
    assertEquals(Checksum.sha256(HEX), a.checksum());
    assertEquals(Instant.parse("2025-01-10T15:30:45.123456Z"), a.createdAt());
    assertEquals(Instant.parse("2025-01-10T15:30:45.123456Z"), a.updatedAt());
    assertEquals(new Uploader("sub-1", "admin-service"), a.uploadedBy());
    assertNull(a.description());
    assertEquals(List.of(), a.tags());
    assertEquals(Map.of("document_version", "3"), a.metadata());
    assertEquals(RetentionPolicy.PERMANENT, a.retentionPolicy());
    assertNull(a.ttlDays());
    assertNull(a.expiresAt());
    assertEquals(FileStatus.ACTIVE, a.status());
    assertEquals(ELEMENT, a.storageElementId());
    assertEquals(1, a.version());
  }

  @Test
  void decodesTheOriginalsSchema1() {
    assertOriginalReport(AttrJsonCodec.decode(utf8(v1("", "2025/01/10/15/")), ELEMENT));
  }

  @Test
  void decodesSchema1WithExplicitSchemaVersion() {
    assertOriginalReport(
        AttrJsonCodec.decode(utf8(v1("\"schema_version\":\"1.0\",", "2025/01/10/15/")), ELEMENT));
  }

  @Test
  void schema1StoragePathGetsATrailingSlash() {
    assertOriginalReport(AttrJsonCodec.decode(utf8(v1("", "2025/01/10/15")), ELEMENT));
  }

  @Test
  void schema1KeepsUserMetadataAndItsOwnDocumentVersion() {
    String doc =
        v1("", "2025/01/10/15/")
            .replace(
                "\"metadata\":{}",
                "\"metadata\":{\"dept\":\"it\",\"pages\":7,\"document_version\":\"x\",\"n\":null}");
    FileAttributes a = AttrJsonCodec.decode(utf8(doc), ELEMENT);
    assertEquals(Map.of("dept", "it", "pages", "7", "document_version", "x"), a.metadata());
  }

  @Test
  void reEncodingADecodedSchema1DocumentYieldsSchema2() {
    FileAttributes a = AttrJsonCodec.decode(utf8(v1("", "2025/01/10/15")), ELEMENT);
    byte[] encoded = AttrJsonCodec.encode(a);
    JsonObject o = parse(encoded);
    assertEquals("2", o.getString("schema_version"));
    assertEquals(SPEC_FIELDS, new ArrayList<>(o.keySet()));
    assertFalse(o.containsKey("file_size"));
    assertEquals(123, o.getInt("size_bytes"));
    assertEquals("permanent", o.getString("retention_policy"));
    assertEquals(ELEMENT, o.getString("storage_element_id"));
    assertEquals(a, AttrJsonCodec.decode(encoded, "ignored"));
  }

  // ---- malformed ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "{\"file_id\":",
        "[]",
        "\"a string\"",
        // schema 2 without required fields
        "{\"schema_version\":\"2\"}",
        "{\"schema_version\":\"2\",\"file_id\":\"0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11\"}",
        // unknown schema
        "{\"schema_version\":\"3\",\"file_id\":\"0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11\"}",
        // schema 1 without file_id, size or checksum
        "{\"storage_filename\":\"a\",\"file_size\":1,\"checksum\":\"00\"}",
        "{\"file_id\":\"0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11\",\"storage_filename\":\"a\","
            + "\"checksum\":\"00\"}",
        "{\"file_id\":\"0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11\",\"storage_filename\":\"a\","
            + "\"file_size\":1}",
        "{\"file_id\":\"not-a-uuid\",\"storage_filename\":\"a\",\"file_size\":1,\"checksum\":\"00\"}",
      })
  void malformedDocumentsAreRefused(String doc) {
    assertThrows(
        AttrJsonCodec.MalformedException.class, () -> AttrJsonCodec.decode(utf8(doc), ELEMENT));
  }

  @Test
  void unknownSchemaVersion3IsRefusedEvenWhenOtherwiseComplete() {
    String doc =
        new String(AttrJsonCodec.encode(full()), StandardCharsets.UTF_8)
            .replace("\"schema_version\": \"2\"", "\"schema_version\": \"3\"")
            .replace("\"schema_version\":\"2\"", "\"schema_version\":\"3\"");
    assertTrue(doc.contains("\"3\""), doc);
    assertThrows(
        AttrJsonCodec.MalformedException.class, () -> AttrJsonCodec.decode(utf8(doc), ELEMENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "12.0", "20", "21"})
  void schemaVersionsThatMerelyStartWithAKnownDigitAreRefused(String version) {
    String doc =
        new String(AttrJsonCodec.encode(full()), StandardCharsets.UTF_8)
            .replace("\"schema_version\": \"2\"", "\"schema_version\": \"" + version + "\"")
            .replace("\"schema_version\":\"2\"", "\"schema_version\":\"" + version + "\"");
    assertTrue(doc.contains("\"" + version + "\""), doc);
    assertThrows(
        AttrJsonCodec.MalformedException.class, () -> AttrJsonCodec.decode(utf8(doc), ELEMENT));
  }

  @Test
  void schema2MinorVersionIsRead() {
    String doc =
        new String(AttrJsonCodec.encode(full()), StandardCharsets.UTF_8)
            .replace("\"schema_version\": \"2\"", "\"schema_version\": \"2.1\"")
            .replace("\"schema_version\":\"2\"", "\"schema_version\":\"2.1\"");
    assertEquals(full(), AttrJsonCodec.decode(utf8(doc), ELEMENT));
  }

  @Test
  void unknownRetentionOrStatusIsMalformed() {
    String text = new String(AttrJsonCodec.encode(full()), StandardCharsets.UTF_8);
    String badRetention = text.replace("\"temporary\"", "\"forever\"");
    String badStatus = text.replace("\"deleted\"", "\"gone\"");
    assertThrows(
        AttrJsonCodec.MalformedException.class,
        () -> AttrJsonCodec.decode(utf8(badRetention), ELEMENT));
    assertThrows(
        AttrJsonCodec.MalformedException.class,
        () -> AttrJsonCodec.decode(utf8(badStatus), ELEMENT));
  }

  // ---- helpers ----

  private static FileAttributes withUploader(FileAttributes a, Uploader u) {
    return new FileAttributes(
        a.schemaVersion(),
        a.fileId(),
        a.originalFilename(),
        a.storageFilename(),
        a.storagePath(),
        a.sizeBytes(),
        a.contentType(),
        a.checksum(),
        a.createdAt(),
        a.updatedAt(),
        u,
        a.description(),
        a.tags(),
        a.metadata(),
        a.retentionPolicy(),
        a.ttlDays(),
        a.expiresAt(),
        a.status(),
        a.storageElementId(),
        a.version());
  }

  private static FileAttributes withElement(FileAttributes a, String element) {
    return new FileAttributes(
        a.schemaVersion(),
        a.fileId(),
        a.originalFilename(),
        a.storageFilename(),
        a.storagePath(),
        a.sizeBytes(),
        a.contentType(),
        a.checksum(),
        a.createdAt(),
        a.updatedAt(),
        a.uploadedBy(),
        a.description(),
        a.tags(),
        a.metadata(),
        a.retentionPolicy(),
        a.ttlDays(),
        a.expiresAt(),
        a.status(),
        element,
        a.version());
  }

  // ---- compressed files (DECISIONS D35) ----

  private static FileAttributes compressed(FileAttributes a, Compression c, long stored) {
    return new FileAttributes(
        a.schemaVersion(),
        a.fileId(),
        a.originalFilename(),
        a.storageFilename(),
        a.storagePath(),
        a.sizeBytes(),
        a.contentType(),
        a.checksum(),
        a.createdAt(),
        a.updatedAt(),
        a.uploadedBy(),
        a.description(),
        a.tags(),
        a.metadata(),
        a.retentionPolicy(),
        a.ttlDays(),
        a.expiresAt(),
        a.status(),
        a.storageElementId(),
        a.version(),
        new FileAttributes.StoredEncoding(c, stored, Checksum.sha256("b".repeat(64))));
  }

  @Test
  void aCompressedFileRoundTripsWithAlgorithmStoredSizeAndStoredChecksum() {
    for (Compression c : new Compression[] {Compression.GZIP, Compression.ZSTD}) {
      FileAttributes a = compressed(full(), c, 123_456_789L);
      FileAttributes back = AttrJsonCodec.decode(AttrJsonCodec.encode(a), ELEMENT);
      assertEquals(a, back);
      assertEquals(c, back.compression());
      assertEquals(123_456_789L, back.storedSizeBytes());
      assertEquals("b".repeat(64), back.storedChecksum().value());
      assertEquals(a.sizeBytes(), back.sizeBytes(), "size_bytes stays the original size");
      JsonObject json = parse(AttrJsonCodec.encode(a));
      assertEquals("2", json.getString("schema_version"));
      assertEquals(c.wireName(), json.getString("compression"));
      assertEquals(123_456_789L, json.getJsonNumber("stored_size_bytes").longValue());
      assertEquals("sha256", json.getJsonObject("stored_checksum").getString("algorithm"));
      assertEquals("b".repeat(64), json.getJsonObject("stored_checksum").getString("value"));
    }
  }

  @Test
  void anUncompressedFileHasNoCompressionFieldsAndItsStoredValuesAreItsOwn() {
    FileAttributes a = minimal("d");
    JsonObject json = parse(AttrJsonCodec.encode(a));
    assertFalse(json.containsKey("compression"));
    assertFalse(json.containsKey("stored_size_bytes"));
    assertFalse(json.containsKey("stored_checksum"));
    assertEquals(Compression.NONE, a.compression());
    assertEquals(a.sizeBytes(), a.storedSizeBytes());
    assertEquals(a.checksum(), a.storedChecksum());
    assertEquals(a.contentEtag(), a.storedEtag());
  }

  private static byte[] withExtra(FileAttributes a, JsonObject extra) {
    var builder = Json.createObjectBuilder(parse(AttrJsonCodec.encode(a)));
    extra.forEach(builder::add);
    return utf8(builder.build().toString());
  }

  @Test
  void compressionNoneWrittenByHandReadsAsUncompressed() {
    byte[] doc =
        withExtra(minimal("d"), Json.createObjectBuilder().add("compression", "none").build());
    assertNull(AttrJsonCodec.decode(doc, ELEMENT).storedEncoding());
  }

  @Test
  void anUnknownCompressionIsMalformed() {
    byte[] doc =
        withExtra(
            minimal("d"),
            Json.createObjectBuilder()
                .add("compression", "brotli")
                .add("stored_size_bytes", 1)
                .add(
                    "stored_checksum",
                    Json.createObjectBuilder().add("algorithm", "sha256").add("value", "x"))
                .build());
    assertThrows(AttrJsonCodec.MalformedException.class, () -> AttrJsonCodec.decode(doc, ELEMENT));
  }

  @Test
  void changesKeepTheStoredEncoding() {
    FileAttributes a = compressed(minimal("d"), Compression.GZIP, 10);
    Instant t = Instant.parse("2026-11-23T00:00:00Z");
    assertEquals(a.storedEncoding(), a.withStatus(FileStatus.DELETED, t).storedEncoding());
    assertEquals(
        a.storedEncoding(),
        a.withUserMetadata("x", List.of("t"), Map.of("k", "v"), t).storedEncoding());
  }
}
