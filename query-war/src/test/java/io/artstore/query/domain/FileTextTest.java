package io.artstore.query.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileTextTest {
  @Test
  void lowerCasesCyrillicInJavaNotInTheDatabase() {
    assertEquals("квартальный отчёт", FileText.lower("Квартальный ОТЧЁТ"));
  }

  @Test
  void filenamesBecomeWords() {
    assertEquals("quarterly report 2024 pdf", FileText.filenameWords("Quarterly_report-2024.pdf"));
    assertEquals("a b c", FileText.filenameWords("a/b\\c"));
    assertEquals("", FileText.filenameWords(null));
  }

  @Test
  void extensions() {
    assertEquals("pdf", FileText.extension("Report.PDF"));
    assertEquals("gz", FileText.extension("archive.tar.gz"));
    assertNull(FileText.extension(".bashrc"));
    assertNull(FileText.extension("README"));
    assertNull(FileText.extension("trailing."));
    assertNull(FileText.extension(null));
  }

  @Test
  void tagsAndMetadataValues() {
    assertEquals("finance q3", FileText.tagWords(List.of("Finance", "Q3")));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("dept", "Accounting");
    metadata.put("year", "2026");
    assertEquals("accounting 2026", FileText.metadataWords(metadata));
    assertEquals("", FileText.metadataWords(null));
  }

  @Test
  void snippetsAreEscapedBeforeMarksAreAdded() {
    assertEquals(
        "&lt;script&gt; <mark>report</mark> &amp; &quot;x&quot; &#39;y&#39;",
        FileText.highlight("<script> \u0002report\u0003 & \"x\" 'y'"));
    assertNull(FileText.highlight(null));
  }

  @Test
  void likePatternsEscapeTheUsersWildcards() {
    assertEquals("%50\\%\\_off\\\\%", FileText.containsPattern("50%_OFF\\"));
    assertEquals("img\\_%", FileText.prefixPattern("IMG_"));
  }
}
