package io.artstore.storage.infrastructure.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.storage.infrastructure.blob.BlobStore.DataWrite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalBlobStoreTest extends BlobStoreContractTest {
  @TempDir Path root;

  @Override
  protected BlobStore newStore() {
    return new LocalBlobStore(root);
  }

  @Override
  protected boolean visibleAfterFinish() {
    return false;
  }

  /** A write finished but neither published nor aborted: the process died in between. */
  @Override
  protected void leaveTemporary(String key) throws IOException {
    DataWrite write = store.createData(key);
    write.stream().write(bytes("half-way"));
    write.finish();
    assertEquals(1, temporaries().size());
  }

  private List<Path> temporaries() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().startsWith(".tmp-"))
          .toList();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../x", "/abs", "a//b", "a\\b", "a/../b", "a/./b", "a/", "..", "nul\0byte", ""})
  void refusesUnsafeKeys(String key) {
    assertThrows(IllegalArgumentException.class, () -> store.createData(key));
    assertThrows(IllegalArgumentException.class, () -> store.putSmall(key, new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> store.stat(key));
    assertThrows(IllegalArgumentException.class, () -> store.open(key, 0, -1));
    assertThrows(IllegalArgumentException.class, () -> store.delete(key));
  }

  @Test
  void writesGoThroughATemporaryInTheTargetDirectory() throws IOException {
    try (DataWrite write = store.createData(DATA_KEY)) {
      write.stream().write(bytes("x"));
      write.finish();
      List<Path> temporaries = temporaries();
      assertEquals(1, temporaries.size());
      assertEquals(root.resolve(DATA_KEY).getParent(), temporaries.get(0).getParent());
      assertTrue(temporaries.get(0).getFileName().toString().endsWith(".part"));
      write.publish();
    }
    assertEquals(List.of(), temporaries());
  }

  @Test
  void walkSkipsTemporaryFiles() throws IOException {
    writeData(DATA_KEY, bytes("data"));
    Files.write(root.resolve(DATA_KEY).resolveSibling(".tmp-1234.part"), bytes("partial"));

    assertEquals(Map.of(DATA_KEY, 4L), listing());
  }

  @Test
  void removeTemporariesLeavesTheElementsDotDirectoriesAlone() throws IOException {
    Path wal = Files.createDirectories(root.resolve(".wal"));
    Path walTemp = Files.write(wal.resolve(".tmp-5678.part"), bytes("wal's own"));
    Path strayTemp =
        Files.write(
            Files.createDirectories(root.resolve("2026/01")).resolve(".tmp-9.part"), bytes("x"));

    assertEquals(1, store.removeTemporaries());
    assertTrue(Files.exists(walTemp));
    assertFalse(Files.exists(strayTemp));
  }

  @Test
  void deleteRemovesEmptiedDirectoriesButNotTheRoot() throws IOException {
    writeData(DATA_KEY, bytes("x"));

    assertTrue(store.delete(DATA_KEY));
    assertFalse(Files.exists(root.resolve("2026")));
    assertTrue(Files.isDirectory(root));
  }

  @Test
  void reportsUsableSpace() throws IOException {
    assertTrue(store.usableSpace().orElseThrow() > 0);
    assertEquals("local", store.type());
  }
}
