package io.artstore.storage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.storage.application.UploadForm;
import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.RetentionPolicy;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadFormFieldsTest {
  private static final UUID ID = UUID.fromString("0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11");

  private static UploadForm form(String... namesAndValues) {
    UploadFormFields fields = new UploadFormFields();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.accept(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields.build();
  }

  /** The field is refused with VALIDATION_ERROR naming exactly that field. */
  private static void assertRefused(String field, String name, String value) {
    ApiException e =
        assertThrows(ApiException.class, () -> new UploadFormFields().accept(name, value));
    assertEquals(ProblemCode.VALIDATION_ERROR, e.code());
    assertEquals(400, e.status());
    assertEquals(
        List.of(field), e.violations().stream().map(v -> v.field()).toList(), e.getMessage());
  }

  private static void assertRefused(String name, String value) {
    assertRefused(name, name, value);
  }

  private static String jsonArrayOf(List<String> items) {
    return items.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",", "[", "]"));
  }

  // ---- no fields, unknown fields ----

  @Test
  void nothingGivenIsTheEmptyForm() {
    assertEquals(UploadForm.empty(), form());
  }

  @Test
  void unknownFieldsAreIgnored() {
    assertEquals(
        UploadForm.empty(), form("colour", "blue", "x-future", "{not json", "File_ID", "nope"));
  }

  // ---- file_id ----

  @Test
  void fileIdIsAUuid() {
    assertEquals(ID, form("file_id", ID.toString()).fileId());
    assertEquals(ID, form("file_id", "  " + ID + "\n").fileId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not-a-uuid", "0b4e5c1a3f5d4c8e9a772d1b6f0e8c11", "{}"})
  void fileIdThatIsNoUuidIsRefused(String value) {
    assertRefused("file_id", value);
  }

  // ---- description ----

  @Test
  void descriptionIsKeptVerbatimAndEmptyMeansNone() {
    assertEquals(" Отчёт \n", form("description", " Отчёт \n").description());
    assertNull(form("description", "").description());
  }

  // ---- tags ----

  @Test
  void tagsAreAJsonArrayOfStrings() {
    assertEquals(
        List.of("a", "финансы", "b c"), form("tags", "[\"a\",\"финансы\",\"b c\"]").tags());
    assertEquals(List.of(), form("tags", "[]").tags());
    assertEquals(List.of(), form("tags", "  ").tags());
  }

  @Test
  void duplicateTagsCollapseKeepingTheFirstOrder() {
    assertEquals(List.of("b", "a"), form("tags", "[\"b\",\"a\",\"b\",\"a\"]").tags());
  }

  @Test
  void sixtyFourTagsAreAcceptedSixtyFiveRefused() {
    List<String> tags = IntStream.range(0, 64).mapToObj(i -> "t" + i).toList();
    assertEquals(tags, form("tags", jsonArrayOf(tags)).tags());
    List<String> tooMany = IntStream.range(0, 65).mapToObj(i -> "t" + i).toList();
    assertRefused("tags", jsonArrayOf(tooMany));
  }

  @Test
  void aTagOfHundredCharactersIsAcceptedOfHundredAndOneRefused() {
    String hundred = "ä".repeat(100);
    assertEquals(List.of(hundred), form("tags", jsonArrayOf(List.of(hundred))).tags());
    assertRefused("tags", jsonArrayOf(List.of(hundred + "x")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[\"\"]",
        "[\"  \"]",
        "[\"a\",1]",
        "[true]",
        "[null]",
        "[[\"a\"]]",
        "[{\"a\":\"b\"}]",
        "{\"a\":\"b\"}",
        "\"a\"",
        "a,b",
        "[\"a\"",
        "null"
      })
  void tagsThatAreNotAnArrayOfNonEmptyStringsAreRefused(String value) {
    assertRefused("tags", value);
  }

  // ---- metadata ----

  @Test
  void metadataValuesAreStringsNumbersOrBooleansKeptAsText() {
    Map<String, String> metadata =
        form(
                "metadata",
                "{\"s\":\"Бухгалтерия\",\"i\":12,\"d\":1.5,\"t\":true,\"f\":false,\"n\":null}")
            .metadata();
    assertEquals(
        Map.of("s", "Бухгалтерия", "i", "12", "d", "1.5", "t", "true", "f", "false"), metadata);
    assertEquals(Map.of(), form("metadata", "{}").metadata());
    assertEquals(Map.of(), form("metadata", "").metadata());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":{\"b\":\"c\"}}",
        "{\"a\":[\"b\"]}",
        "[]",
        "\"text\"",
        "42",
        "{\"a\":",
        "{not json}",
        "{\"\":\"v\"}",
        "{\" \":\"v\"}"
      })
  void metadataThatIsNotAFlatObjectIsRefused(String value) {
    assertRefused("metadata", value);
  }

  @Test
  void sixtyFourMetadataKeysAreAcceptedSixtyFiveRefused() {
    String ok =
        IntStream.range(0, 64)
            .mapToObj(i -> "\"k" + i + "\":" + i)
            .collect(Collectors.joining(",", "{", "}"));
    assertEquals(64, form("metadata", ok).metadata().size());
    String tooMany =
        IntStream.range(0, 65)
            .mapToObj(i -> "\"k" + i + "\":" + i)
            .collect(Collectors.joining(",", "{", "}"));
    assertRefused("metadata", tooMany);
  }

  @Test
  void metadataKeysHaveAtMostHundredCharacters() {
    String hundred = "k".repeat(100);
    assertEquals(Map.of(hundred, "v"), form("metadata", "{\"" + hundred + "\":\"v\"}").metadata());
    assertRefused("metadata", "{\"" + hundred + "k\":\"v\"}");
  }

  // ---- retention_policy ----

  @Test
  void retentionPolicyIsTemporaryOrPermanent() {
    assertEquals(
        RetentionPolicy.TEMPORARY, form("retention_policy", "temporary").retentionPolicy());
    assertEquals(
        RetentionPolicy.PERMANENT, form("retention_policy", "PERMANENT").retentionPolicy());
    assertEquals(
        RetentionPolicy.PERMANENT, form("retention_policy", " permanent\n").retentionPolicy());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "forever", "temp", "\"temporary\""})
  void otherRetentionPoliciesAreRefused(String value) {
    assertRefused("retention_policy", value);
  }

  // ---- ttl_days ----

  @ParameterizedTest
  @ValueSource(strings = {"1", "30", "365", " 7 "})
  void ttlDaysBetweenOneAnd365AreAccepted(String value) {
    assertEquals(Integer.parseInt(value.trim()), form("ttl_days", value).ttlDays());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "366", "99999999999", "", "abc", "1.5", "7d", "1e2"})
  void ttlDaysOutsideOneTo365OrNonNumericAreRefused(String value) {
    assertRefused("ttl_days", value);
  }

  // ---- uploaded_by ----

  @Test
  void uploadedByAsJsonObject() {
    UploadForm f = form("uploaded_by", "{\"id\":\"sub-1\",\"name\":\"Алиса\"}");
    assertEquals("sub-1", f.uploadedById());
    assertEquals("Алиса", f.uploadedByName());
  }

  @Test
  void uploadedByAsPlainId() {
    UploadForm f = form("uploaded_by", "  sub-2 ");
    assertEquals("sub-2", f.uploadedById());
    assertNull(f.uploadedByName());
  }

  @Test
  void uploadedByIdAndNameAsSeparateFields() {
    UploadForm f = form("uploaded_by_id", "sub-3", "uploaded_by_name", " Bob ");
    assertEquals("sub-3", f.uploadedById());
    assertEquals("Bob", f.uploadedByName());
  }

  @Test
  void aJsonUploaderWithoutNameKeepsAnEarlierName() {
    UploadForm f = form("uploaded_by_name", "Carol", "uploaded_by", "{\"id\":\"sub-4\"}");
    assertEquals("sub-4", f.uploadedById());
    assertEquals("Carol", f.uploadedByName());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "   ", "{}", "{\"name\":\"x\"}", "{\"id\":\"\"}", "{\"id\":5}", "{bad"})
  void uploadedByWithoutAnIdIsRefused(String value) {
    assertRefused("uploaded_by", value);
  }

  @Test
  void uploadedByIdWithoutAnIdIsRefusedUnderItsOwnName() {
    assertRefused("uploaded_by_id", "  ");
  }

  // ---- all together ----

  @Test
  void aCompleteForm() {
    UploadForm f =
        form(
            "file_id", ID.toString(),
            "uploaded_by", "{\"id\":\"sub-1\",\"name\":\"alice\"}",
            "description", "d",
            "tags", "[\"x\"]",
            "metadata", "{\"k\":\"v\"}",
            "retention_policy", "temporary",
            "ttl_days", "30");
    assertEquals(
        new UploadForm(
            ID,
            "d",
            List.of("x"),
            Map.of("k", "v"),
            RetentionPolicy.TEMPORARY,
            30,
            "sub-1",
            "alice"),
        f);
  }

  @Test
  void aLaterValueOfTheSameFieldWins() {
    assertEquals(List.of("b"), form("tags", "[\"a\"]", "tags", "[\"b\"]").tags());
  }

  // ---- ordering ----

  @Test
  void fieldsThatDecideWhereTheBytesGoMustPrecedeTheFile() {
    assertTrue(UploadFormFields.mustPrecedeFile("file_id"));
    assertTrue(UploadFormFields.mustPrecedeFile("uploaded_by"));
    assertTrue(UploadFormFields.mustPrecedeFile("uploaded_by_id"));
    assertTrue(UploadFormFields.mustPrecedeFile("uploaded_by_name"));
    for (String other :
        List.of("description", "tags", "metadata", "retention_policy", "ttl_days", "file", "x")) {
      assertFalse(UploadFormFields.mustPrecedeFile(other), other);
    }
  }

  // ---- checksum and compress (DECISIONS D35) ----

  private static final String SHA =
      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @ParameterizedTest
  @ValueSource(
      strings = {
        SHA,
        "sha256:" + SHA,
        "SHA256:" + SHA,
        "  sha256: " + SHA + "  ",
        "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"
      })
  void aChecksumIsSixtyFourHexDigitsOptionallyPrefixedAndIsLowerCased(String value) {
    assertEquals(SHA, form("checksum", value).checksum());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "sha256:",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a081",
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "sha512:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha256:sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "sha-256=:n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=:"
      })
  void aMalformedChecksumIsRefusedOnItsField(String value) {
    assertRefused("checksum", value);
  }

  @Test
  void noChecksumAndNoCompressionByDefault() {
    UploadForm f = form("description", "d");
    assertNull(f.checksum());
    assertNull(f.compression());
    assertEquals(Compression.NONE, f.compressionOrNone());
  }

  @ParameterizedTest
  @CsvSource({"gzip,GZIP", "GZIP,GZIP", "zstd,ZSTD", " zstd ,ZSTD", "none,NONE", "None,NONE"})
  void compressTakesNoneGzipOrZstd(String value, Compression expected) {
    assertEquals(expected, form("compress", value).compressionOrNone());
  }

  @Test
  void compressNoneIsTheSameFormAsNoField() {
    assertEquals(UploadForm.empty(), form("compress", "none"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "br", "deflate", "x-gzip", "gzip,zstd", "true", "lz4"})
  void anyOtherCompressIsRefusedOnItsField(String value) {
    assertRefused("compress", value);
  }

  @Test
  void compressMustPrecedeTheFileButChecksumMayFollowIt() {
    assertTrue(UploadFormFields.mustPrecedeFile("compress"));
    assertFalse(UploadFormFields.mustPrecedeFile("checksum"));
  }

  @Test
  void checksumAndCompressArePartOfTheCompleteForm() {
    assertEquals(
        new UploadForm(
            ID, null, List.of(), Map.of(), null, null, null, null, SHA, Compression.ZSTD),
        form("file_id", ID.toString(), "compress", "zstd", "checksum", "sha256:" + SHA));
  }
}
