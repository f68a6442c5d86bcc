package io.artstore.transfer.ra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchJournalTest {
  @TempDir Path dir;

  @Test
  void anEntrySurvivesAsWrittenUntilRemoved() {
    BranchJournal journal = new BranchJournal(dir.resolve("branches"));
    BranchRequest source =
        new BranchRequest(
            "se-edit-1", "http://se:8010/", BranchRequest.SOURCE, "7b0c6a1e-4f7e", 3L);
    Instant at = Instant.parse("2026-12-05T00:00:00Z");
    journal.record(new BranchJournal.Entry("AAAB", source, "run-1", at));
    journal.record(
        new BranchJournal.Entry(
            "AAAC",
            new BranchRequest("se-rw-1", "http://rw:8011", BranchRequest.TARGET, "x", null),
            "run-1",
            at));

    BranchJournal reopened = new BranchJournal(dir.resolve("branches"));
    BranchJournal.Entry read = reopened.find("AAAB").orElseThrow();
    assertEquals("http://se:8010", read.request().baseUrl(), "the trailing slash goes");
    assertEquals(source, read.request());
    assertEquals("run-1", read.run());
    assertEquals(at, read.startedAt());
    assertEquals(2, reopened.all().size());
    assertEquals(null, reopened.find("AAAC").orElseThrow().request().version());

    reopened.remove("AAAB");
    reopened.remove("AAAB"); // twice: nothing to remove
    assertEquals(
        List.of("AAAC"), reopened.all().stream().map(BranchJournal.Entry::branch).toList());
    assertTrue(reopened.find("AAAB").isEmpty());
  }

  @Test
  void anEmptyOrMissingJournalListsNothingAndLeavesNoTemporaries() throws Exception {
    assertEquals(List.of(), new BranchJournal(dir.resolve("none")).all());
    BranchJournal journal = new BranchJournal(dir);
    journal.record(
        new BranchJournal.Entry(
            "b1",
            new BranchRequest("e", "http://e", BranchRequest.TARGET, "f", null),
            "r",
            Instant.now()));
    try (var files = Files.list(dir)) {
      assertEquals(List.of("b1.branch"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void thePrepareBodyCarriesTheRoleTheFileAndForASourceTheVersion() {
    assertEquals(
        "{\"role\":\"source\",\"file_id\":\"f\",\"version\":4}",
        new BranchRequest("e", "http://e", "source", "f", 4L).prepareBody());
    assertEquals(
        "{\"role\":\"target\",\"file_id\":\"f\"}",
        new BranchRequest("e", "http://e", "target", "f", null).prepareBody());
  }
}
