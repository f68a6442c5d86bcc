package io.artstore.admin.infrastructure.security;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Generated credentials, written for the operator: owner-only (0600) from the first byte, fsynced,
 * renamed into place.
 */
public final class CredentialsFile {
  private CredentialsFile() {}

  public static void write(Path file, String comment, Map<String, String> values)
      throws IOException {
    Files.createDirectories(file.getParent());
    Path temp =
        Files.createTempFile(
            file.getParent(),
            "." + file.getFileName(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      StringBuilder text = new StringBuilder("# ").append(comment).append('\n');
      values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
