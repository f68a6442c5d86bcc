package io.artstore.storage.infrastructure;

import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.infrastructure.fs.AtomicFiles;
import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.domain.ElementState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@value #FILE_NAME} in the element's data root: the element's identity and mode. Replaced
 * atomically (temp file, fsync, rename, directory fsync), so a crash leaves either the old or the
 * new state, never a torn one.
 */
public final class ElementStateFile {
  public static final String FILE_NAME = ".artstore-element.json";

  private final Path file;

  public ElementStateFile(Path dataDir) {
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** The on-disk form, kept apart from the domain record so the file format is explicit. */
  public record Document(
      int schemaVersion,
      String elementId,
      String mode,
      Instant createdAt,
      Instant updatedAt,
      String configuredMode) {}

  public Optional<ElementState> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Document doc =
        JsonbConfigResolver.jsonb()
            .fromJson(Files.readString(file, StandardCharsets.UTF_8), Document.class);
    ElementMode mode =
        ElementMode.parse(doc.mode())
            .orElseThrow(() -> new IOException(file + " names an unknown mode: " + doc.mode()));
    ElementMode configured =
        doc.configuredMode() == null ? null : ElementMode.parse(doc.configuredMode()).orElse(null);
    return Optional.of(
        new ElementState(
            doc.schemaVersion(),
            doc.elementId(),
            mode,
            doc.createdAt(),
            doc.updatedAt(),
            configured));
  }

  public void write(ElementState state) throws IOException {
    Document doc =
        new Document(
            state.schemaVersion(),
            state.elementId(),
            state.mode().wireName(),
            state.createdAt(),
            state.updatedAt(),
            state.configuredMode() == null ? null : state.configuredMode().wireName());
    byte[] bytes = JsonbConfigResolver.jsonb().toJson(doc).getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, bytes, false);
  }
}
