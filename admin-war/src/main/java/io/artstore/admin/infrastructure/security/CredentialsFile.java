package io.artstore.admin.infrastructure.security;

import io.artstore.shared.infrastructure.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Generated credentials, written for the operator: owner-only (0600) from the first byte. */
public final class CredentialsFile {
  private CredentialsFile() {}

  public static void write(Path file, String comment, Map<String, String> values)
      throws IOException {
    StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8), true);
  }
}
