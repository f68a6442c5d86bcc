package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StorageNamingTest {
  private static final Instant AT = Instant.parse("2026-11-22T02:03:04.567Z");
  private static final UUID ID = UUID.fromString("0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11");
  private static final String TAIL = "_20261122T020304_" + ID;

  /** The whole name: stem, user, stamp, uuid, optional extension. */
  private static final Pattern NAME =
      Pattern.compile(
          "([^/\\\\<>:\"|?*\\p{Cntrl}.][^/\\\\<>:\"|?*\\p{Cntrl}]*)_"
              + "([^/\\\\<>:\"|?*\\p{Cntrl}]+)_"
              + "([0-9]{8}T[0-9]{6})_"
              + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
              + "(\\.[A-Za-z0-9]{1,16})?");

  private static String name(String original) {
    return StorageNaming.storageFilename(original, "alice", AT, ID);
  }

  private static String stemOf(String storageName) {
    Matcher m = NAME.matcher(storageName);
    assertTrue(m.matches(), storageName);
    return m.group(1);
  }

  private static void assertSafe(String storageName) {
    assertTrue(NAME.matcher(storageName).matches(), storageName);
    assertFalse(storageName.startsWith("."), storageName);
    assertFalse(storageName.contains("/") || storageName.contains("\\"), storageName);
    assertFalse(storageName.contains(".."), storageName);
    assertTrue(storageName.length() <= 200, "chars " + storageName.length());
    assertTrue(utf8(storageName) <= 240, "bytes " + utf8(storageName));
    assertTrue(utf8(storageName + FileAttributes.ATTR_SUFFIX) <= 255);
    assertWellFormed(storageName);
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void assertWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        assertTrue(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)), s);
        i++;
      } else {
        assertFalse(Character.isLowSurrogate(c), s);
      }
    }
  }

  @Test
  void storagePathIsTheUtcHourOfUpload() {
    assertEquals("2026/11/22/02/", StorageNaming.storagePath(AT));
    assertEquals(
        "2026/01/02/23/", StorageNaming.storagePath(Instant.parse("2026-01-02T23:59:59Z")));
    assertEquals(
        "1999/12/31/00/", StorageNaming.storagePath(Instant.parse("1999-12-31T00:00:00Z")));
  }

  @Test
  void plainName() {
    assertEquals("report_alice" + TAIL + ".pdf", name("report.pdf"));
    assertSafe(name("report.pdf"));
  }

  @Test
  void timestampIsUtcToTheSecond() {
    String n =
        StorageNaming.storageFilename("a.txt", "u", Instant.parse("2026-03-04T05:06:07.999Z"), ID);
    assertEquals("a_u_20260304T050607_" + ID + ".txt", n);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "../../etc/passwd|passwd|''",
        "C:\\Users\\x\\report.pdf|report|.pdf",
        "/abs/path/name.TXT|name|.TXT",
        "dir/|file|''",
        "..|file|''",
        ".|file|''",
        "../..|file|''",
        ".bashrc|bashrc|''",
        "...hidden.txt|hidden|.txt",
        "_.__.x.txt|x|.txt",
        "a<b>c:d\"e?f*g.txt|a_b_c_d_e_f_g|.txt",
        "a___b.txt|a_b|.txt",
        "__a__.txt|a|.txt",
        "  spaced  .txt|spaced|.txt",
        "archive.tar.gz|archive.tar|.gz",
        "noext|noext|''",
        "trailingdot.|trailingdot.|''",
        "weird.ex-t|weird.ex-t|''",
        "long.abcdefghijklmnop|long|.abcdefghijklmnop",
        "long.abcdefghijklmnopq|long.abcdefghijklmnopq|''",
        ".pdf|pdf|''",
        "..txt|file|.txt",
        "'   '|file|''",
        "''|file|''",
        "Отчёт за 2025.pdf|Отчёт за 2025|.pdf",
        "報告書.docx|報告書|.docx",
        "файл.пдф|файл.пдф|''",
        "my 😀 file.png|my 😀 file|.png",
      })
  void stemAndExtension(String original, String stem, String ext) {
    String n = name(original);
    assertEquals(stem + "_alice" + TAIL + ext, n);
    assertSafe(n);
  }

  @Test
  void pipeIsReplaced() {
    assertEquals("a_b_alice" + TAIL + ".txt", name("a|b.txt"));
  }

  @Test
  void nullNameAndUser() {
    assertEquals("file_anonymous" + TAIL, StorageNaming.storageFilename(null, null, AT, ID));
    assertEquals("file_anonymous" + TAIL, StorageNaming.storageFilename("", "  ", AT, ID));
    assertEquals("x_anonymous" + TAIL, StorageNaming.storageFilename("x", "../..", AT, ID));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\u0000b.txt",
        "a\tb.txt",
        "a\nb.txt",
        "a\r\nb.txt",
        "a\u007Fb.txt",
        "a\u0085b.txt",
        "a\u009Fb.txt",
        "a\u2028b.txt",
        "a\u2029b.txt",
        "a\u202Eb.txt",
        "a\u2066b.txt",
        "a\uD800b.txt",
        "a\uDC00b.txt",
        "a/b.txt"
      })
  void controlAndDangerousCharactersBecomeOneUnderscore(String original) {
    String n = name(original);
    assertEquals((original.contains("/") ? "b" : "a_b") + "_alice" + TAIL + ".txt", n);
    assertSafe(n);
  }

  @Test
  void controlCharactersOnlyGiveFile() {
    assertEquals("file_alice" + TAIL + ".txt", name("\u0000\u0001\n.txt"));
  }

  @Test
  void usernameIsSanitisedToo() {
    assertEquals(
        "r_a_b_c" + TAIL + ".pdf", StorageNaming.storageFilename("r.pdf", "a/b\\c", AT, ID));
    assertEquals(
        "r_evil" + TAIL + ".pdf", StorageNaming.storageFilename("r.pdf", "../evil", AT, ID));
    assertEquals("r_x" + TAIL + ".pdf", StorageNaming.storageFilename("r.pdf", ".x\u0000", AT, ID));
    assertEquals("r_Иван" + TAIL + ".pdf", StorageNaming.storageFilename("r.pdf", "Иван", AT, ID));
  }

  @Test
  void absurdlyLongUsernameIsCutTo64CodePoints() {
    String n = StorageNaming.storageFilename("r.pdf", "u".repeat(5000), AT, ID);
    assertEquals("r_" + "u".repeat(64) + TAIL + ".pdf", n);
    assertSafe(n);
  }

  @Test
  void longNonAsciiUsernameIsCutTo128Bytes() {
    String n = StorageNaming.storageFilename("report.pdf", "Ж".repeat(100), AT, ID);
    assertEquals("report_" + "Ж".repeat(64) + TAIL + ".pdf", n);
    n = StorageNaming.storageFilename("report.pdf", "😀".repeat(100), AT, ID);
    assertEquals("report_" + "😀".repeat(32) + TAIL + ".pdf", n);
    assertSafe(n);
    n = StorageNaming.storageFilename("中".repeat(300) + ".pdf", "中".repeat(300), AT, ID);
    assertSafe(n);
    assertFalse(stemOf(n).isEmpty());
  }

  @Test
  void threeHundredCharNameIsCutInTheStem() {
    String n = name("x".repeat(300) + ".pdf");
    assertEquals(200, n.length());
    assertTrue(n.endsWith("_alice" + TAIL + ".pdf"));
    assertEquals("x".repeat(200 - ("_alice" + TAIL + ".pdf").length()), stemOf(n));
    assertSafe(n);
  }

  @Test
  void tenThousandCharNameIsCutInTheStem() {
    String n = name("y".repeat(10_000) + ".jpeg");
    assertEquals(200, n.length());
    assertTrue(n.endsWith(TAIL + ".jpeg"));
    assertSafe(n);
    String noExt = name("y".repeat(10_000));
    assertEquals(200, noExt.length());
    assertTrue(noExt.endsWith(TAIL));
  }

  @Test
  void maximalEverythingStillFits() {
    String n =
        StorageNaming.storageFilename(
            "😀".repeat(5000) + ".abcdefghijklmnop", "😀".repeat(5000), AT, ID);
    assertSafe(n);
    assertTrue(n.endsWith(TAIL + ".abcdefghijklmnop"));
  }

  @Test
  void cyrillicIsCutByBytes() {
    String n = name("Отчёт".repeat(100) + ".pdf");
    assertSafe(n);
    assertTrue(utf8(n) > 230, "uses the room: " + utf8(n));
    assertTrue(stemOf(n).startsWith("ОтчётОтчёт"));
  }

  /**
   * Cuts {@code tail} at every position near the limit, with prefixes that make the char limit
   * (ASCII) or the byte limit (Cyrillic) bind; what is left of the tail must be one of {@code
   * allowed}.
   */
  private static void assertCutLeavesOneOf(String tail, Set<String> allowed) {
    String suffix = "_alice" + TAIL + ".png";
    int charRoom = 200 - suffix.length();
    int byteRoom = 240 - utf8(suffix);
    for (int pad = 0; pad < tail.length() + 3; pad++) {
      String ascii = "a".repeat(charRoom - tail.length() + 1 - pad);
      String cyrillic = "Ж".repeat((byteRoom - utf8(tail)) / 2) + "a".repeat(pad);
      for (String prefix : new String[] {ascii, cyrillic}) {
        String n = name(prefix + tail + ".png");
        assertSafe(n);
        String stem = stemOf(n);
        assertTrue(stem.startsWith(prefix) || prefix.startsWith(stem), stem);
        String rest = stem.length() > prefix.length() ? stem.substring(prefix.length()) : "";
        assertTrue(allowed.contains(rest), "split " + tail + ": " + rest);
      }
    }
  }

  private static void assertCutKeepsWhole(String cluster) {
    assertCutLeavesOneOf(cluster + cluster, Set.of("", cluster, cluster + cluster));
  }

  @Test
  void emojiAtTheCutIsNeverSplit() {
    assertCutKeepsWhole("😀");
    assertCutLeavesOneOf("😀😀😀", Set.of("", "😀", "😀😀", "😀😀😀"));
  }

  @Test
  void zwjSequenceSkinToneFlagAndVariationSelectorAreKeptWhole() {
    assertCutKeepsWhole("👨\u200D👩\u200D👧");
    assertCutKeepsWhole("👍🏽");
    assertCutKeepsWhole("🇩🇪");
    assertCutKeepsWhole("❤\uFE0F");
  }

  @Test
  void regionalIndicatorsPairFromTheStartOfTheRun() {
    assertCutLeavesOneOf("🇫🇩🇪", Set.of("", "🇫🇩", "🇫🇩🇪"));
  }

  @Test
  void combiningSequenceIsNotSplitAndInputIsNfc() {
    // e + combining acute is NFC-composed into é
    String n = name("caf" + "e\u0301" + ".txt");
    assertEquals("café_alice" + TAIL + ".txt", n);
    // a base with marks that have no composed form stays together at the cut
    String cluster = "q\u0307\u0323";
    String base = "_alice" + TAIL + ".txt";
    int room = 200 - base.length();
    for (int pad = 0; pad < 6; pad++) {
      String prefix = "b".repeat(room - pad - 2);
      String stem = stemOf(name(prefix + cluster + ".txt"));
      String rest = stem.substring(prefix.length());
      assertTrue(rest.isEmpty() || rest.equals(Normalizer.normalize(cluster, Normalizer.Form.NFC)));
    }
  }

  @Test
  void aSingleHugeGraphemeIsCutByCodePoints() {
    String n = name("a" + "\u0301".repeat(500) + ".txt");
    assertSafe(n);
    assertTrue(stemOf(n).startsWith("á"));
  }

  @Test
  void truncationNeverEndsOnUnderscoreOrBlank() {
    String base = "_alice" + TAIL + ".txt";
    int room = 200 - base.length();
    String n = name("x".repeat(room - 1) + " y" + ".txt");
    assertEquals("x".repeat(room - 1) + base, n);
    n = name("x".repeat(room - 1) + "_y" + ".txt");
    assertEquals("x".repeat(room - 1) + base, n);
  }

  @Test
  void differentInstantsAndIdsGiveDifferentNames() {
    UUID other = UUID.fromString("00000000-0000-0000-0000-000000000001");
    assertFalse(name("a.txt").equals(StorageNaming.storageFilename("a.txt", "alice", AT, other)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "report.pdf|report.pdf",
        "../../etc/passwd|passwd",
        "C:\\Users\\x\\report.pdf|report.pdf",
        "dir/|file",
        "..|file",
        ".|file",
        ".bashrc|.bashrc",
        "a<b>:c?.txt|a<b>:c?.txt",
        "'  spaced  .txt'|'  spaced  .txt'",
        "Отчёт за 2025.pdf|Отчёт за 2025.pdf",
        "'   '|file",
        "''|file"
      })
  void cleanOriginalFilenameKeepsTheLastSegmentAsGiven(String given, String expected) {
    assertEquals(expected, StorageNaming.cleanOriginalFilename(given));
  }

  @Test
  void cleanOriginalFilenameRemovesControlCharacters() {
    assertEquals("ab.txt", StorageNaming.cleanOriginalFilename("a\u0000\r\n\u0085\u2028b.txt"));
    assertEquals("ab.txt", StorageNaming.cleanOriginalFilename("a\uD800b.txt"));
    assertEquals("file", StorageNaming.cleanOriginalFilename("\u0000\n"));
    assertEquals("file", StorageNaming.cleanOriginalFilename(null));
    // not normalised: kept as given
    assertEquals("e\u0301.txt", StorageNaming.cleanOriginalFilename("e\u0301.txt"));
  }

  @Test
  void cleanOriginalFilenameIsCappedAt1024CodePoints() {
    String cleaned = StorageNaming.cleanOriginalFilename("😀".repeat(2000));
    assertEquals(1024, cleaned.codePointCount(0, cleaned.length()));
    assertWellFormed(cleaned);
    assertEquals("x".repeat(1024), StorageNaming.cleanOriginalFilename("x".repeat(10_000)));
  }

  @Test
  void stripEdges() {
    assertEquals("a.b", StorageNaming.stripEdges(" ._. a.b _ "));
    assertEquals("", StorageNaming.stripEdges("..._ _"));
  }
}
