package io.artstore.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The password of the servers' default keystores ({@code keystore_password}): generated on the
 * first run, kept owner-only in the data directory, the same for every later run (the keystores
 * Liberty generates under each server's output directory are opened with it).
 */
final class LibertyKeystorePassword {
  static final String FILE = "keystore.password";

  private LibertyKeystorePassword() {}

  static String ensure(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
    Files.createDirectories(dir);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password, StandardCharsets.US_ASCII);
    return password;
  }
}
