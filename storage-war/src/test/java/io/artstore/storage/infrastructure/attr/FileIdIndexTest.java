package io.artstore.storage.infrastructure.attr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIdIndexTest {
  private static final UUID ID = UUID.fromString("0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11");
  private static final String KEY = "2026/11/22/02/report_alice_20261122T020000_" + ID + ".pdf";

  @TempDir Path dir;

  @Test
  void putThenGet() throws IOException {
    FileIdIndex index = new FileIdIndex(dir.resolve(".ids"));
    index.put(ID, KEY);
    assertEquals(Optional.of(KEY), index.get(ID));
    Path link = dir.resolve(".ids/0b/" + ID);
    assertTrue(Files.isSymbolicLink(link), "a symbolic link under .ids/<2 hex>/");
  }

  @Test
  void getOfAnUnknownIdIsEmpty() throws IOException {
    FileIdIndex index = new FileIdIndex(dir);
    assertEquals(Optional.empty(), index.get(ID));
    index.put(UUID.fromString("0b000000-0000-4000-8000-000000000000"), KEY);
    assertEquals(Optional.empty(), index.get(ID), "same shard, other id");
  }

  @Test
  void removeForgetsTheId() throws IOException {
    FileIdIndex index = new FileIdIndex(dir);
    index.put(ID, KEY);
    index.remove(ID);
    assertEquals(Optional.empty(), index.get(ID));
    assertFalse(Files.exists(dir.resolve("0b/" + ID), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void removeOfAnUnknownIdIsHarmless() throws IOException {
    FileIdIndex index = new FileIdIndex(dir);
    index.remove(ID);
    assertEquals(Optional.empty(), index.get(ID));
  }

  @Test
  void putTwiceWithTheSameKeyIsIdempotent() throws IOException {
    FileIdIndex index = new FileIdIndex(dir);
    index.put(ID, KEY);
    index.put(ID, KEY);
    assertEquals(Optional.of(KEY), index.get(ID));
  }

  @Test
  void putWithADifferentKeyReplaces() throws IOException {
    FileIdIndex index = new FileIdIndex(dir);
    index.put(ID, KEY);
    String other = "2026/11/23/00/other_" + ID + ".bin";
    index.put(ID, other);
    assertEquals(Optional.of(other), index.get(ID));
  }

  @Test
  void keysWithUnicodeAndSpacesSurvive() throws IOException {
    FileIdIndex index = new FileIdIndex(dir);
    String key = "2026/11/22/02/Отчёт за квартал_" + ID + ".pdf";
    index.put(ID, key);
    assertEquals(Optional.of(key), index.get(ID));
  }

  @Test
  void aNewIndexOverTheSameDirectorySeesExistingEntries() throws IOException {
    new FileIdIndex(dir).put(ID, KEY);
    assertEquals(Optional.of(KEY), new FileIdIndex(dir).get(ID));
  }
}
