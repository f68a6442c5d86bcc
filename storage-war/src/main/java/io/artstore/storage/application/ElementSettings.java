package io.artstore.storage.application;

import io.artstore.storage.domain.ByteSize;
import io.artstore.storage.domain.ElementId;
import io.artstore.storage.domain.ElementMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This element's static configuration (read at start; SPEC §2.4). Each key is also an environment
 * variable: {@code artstore.se.id} is {@code ARTSTORE_SE_ID}, and so on.
 */
@ApplicationScoped
public class ElementSettings {
  @Inject
  @ConfigProperty(name = "artstore.se.id")
  String id;

  @Inject
  @ConfigProperty(name = "artstore.se.name")
  Optional<String> name;

  @Inject
  @ConfigProperty(name = "artstore.se.display-name")
  Optional<String> displayName;

  @Inject
  @ConfigProperty(name = "artstore.se.mode")
  String mode;

  @Inject
  @ConfigProperty(name = "artstore.se.priority", defaultValue = "100")
  int priority;

  @Inject
  @ConfigProperty(name = "artstore.se.max-size")
  Optional<String> maxSize;

  @Inject
  @ConfigProperty(name = "artstore.se.retention-days", defaultValue = "30")
  int retentionDays;

  @Inject
  @ConfigProperty(name = "artstore.se.data-dir")
  Optional<String> dataDir;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String runDataDir;

  public String id() {
    if (!ElementId.isValid(id)) {
      throw new IllegalStateException(
          "ARTSTORE_SE_ID '" + id + "' is not a valid element id (a-z, 0-9, '-', '_'; 1-63)");
    }
    return id;
  }

  public String name() {
    return name.orElse(id());
  }

  public String displayName() {
    return displayName.orElse(name());
  }

  public ElementMode configuredMode() {
    return ElementMode.parse(mode)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "ARTSTORE_SE_MODE '" + mode + "' is not edit, rw, ro or ar"));
  }

  public int priority() {
    return priority;
  }

  /** The configured maximum, if any; the disk's real free space bounds it either way. */
  public OptionalLong maxSizeBytes() {
    return maxSize
        .filter(s -> !s.isBlank())
        .map(ByteSize::parse)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /** Default retention of temporary files, reported for {@code edit} elements only. */
  public int retentionDays() {
    return retentionDays;
  }

  /** {@code ARTSTORE_SE_DATA_DIR}, else {@code <ARTSTORE_DATA_DIR>/elements/<id>}. */
  public Path dataDir() {
    return dataDir
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(() -> Path.of(runDataDir).resolve("elements").resolve(id()))
        .toAbsolutePath()
        .normalize();
  }
}
