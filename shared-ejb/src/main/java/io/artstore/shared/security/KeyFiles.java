package io.artstore.shared.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The key directory's files, read once. Layout (see keys/README.md): {@code public_key.pem} (the
 * current key), {@code private_key.pem} (admin only), {@code next_public_key.pem} (published by a
 * rotation in progress, accepted before anything is signed with it), {@code retired/<kid>.pem}
 * (public keys of earlier rotations, valid until their file's time plus the grace period).
 */
public final class KeyFiles {
  public static final String PUBLIC_KEY = "public_key.pem";
  public static final String PRIVATE_KEY = "private_key.pem";
  public static final String NEXT_PUBLIC_KEY = "next_public_key.pem";
  public static final String RETIRED_DIR = "retired";
  public static final int MIN_BITS = 2048;

  private KeyFiles() {}

  /** A retired public key and when it was retired (its file's modification time). */
  public record Retired(String kid, RSAPublicKey key, Instant retiredAt) {}

  /**
   * What the directory holds. {@code problems} lists files that were ignored (bad retired keys); a
   * bad current key is not a snapshot at all but a {@link GeneralSecurityException}.
   */
  public record Snapshot(
      RSAPublicKey current,
      Instant currentSince,
      RSAPrivateCrtKey privateKey,
      RSAPublicKey next,
      Instant nextSince,
      List<Retired> retired,
      List<String> problems) {}

  /**
   * Reads the directory. Throws when the current public key (or, with {@code withPrivateKey}, the
   * private key) is missing, unreadable, not an RSA key of at least 2048 bits, or the two do not
   * belong together: the caller then keeps the ring it has.
   */
  public static Snapshot read(Path dir, boolean withPrivateKey)
      throws IOException, GeneralSecurityException {
    Path publicFile = dir.resolve(PUBLIC_KEY);
    RSAPublicKey current = checkSize(Pem.parsePublicKey(readText(publicFile)), publicFile);
    Instant since = Files.getLastModifiedTime(publicFile).toInstant();
    RSAPrivateCrtKey privateKey = null;
    if (withPrivateKey) {
      Path privateFile = dir.resolve(PRIVATE_KEY);
      privateKey = Pem.parsePrivateKey(readText(privateFile));
      if (!privateKey.getModulus().equals(current.getModulus())) {
        throw new GeneralSecurityException(
            privateFile + " does not belong to " + publicFile + " (a rotation half written?)");
      }
    }
    List<Retired> retired = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    RSAPublicKey next = null;
    Instant nextSince = null;
    Path nextFile = dir.resolve(NEXT_PUBLIC_KEY);
    if (Files.exists(nextFile)) {
      try {
        next = checkSize(Pem.parsePublicKey(readText(nextFile)), nextFile);
        nextSince = Files.getLastModifiedTime(nextFile).toInstant();
      } catch (IOException | GeneralSecurityException | RuntimeException e) {
        problems.add(nextFile.getFileName() + ": " + e.getMessage());
      }
    }
    Path retiredDir = dir.resolve(RETIRED_DIR);
    if (Files.isDirectory(retiredDir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(retiredDir, "*.pem")) {
        for (Path file : files) {
          try {
            RSAPublicKey key = checkSize(Pem.parsePublicKey(readText(file)), file);
            retired.add(
                new Retired(Jwk.thumbprint(key), key, Files.getLastModifiedTime(file).toInstant()));
          } catch (IOException | GeneralSecurityException | RuntimeException e) {
            problems.add(file.getFileName() + ": " + e.getMessage());
          }
        }
      }
    }
    return new Snapshot(current, since, privateKey, next, nextSince, retired, problems);
  }

  private static String readText(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static RSAPublicKey checkSize(RSAPublicKey key, Path file)
      throws GeneralSecurityException {
    if (key.getModulus().bitLength() < MIN_BITS) {
      throw new GeneralSecurityException(
          file.getFileName()
              + " holds a "
              + key.getModulus().bitLength()
              + "-bit key; "
              + MIN_BITS
              + " is the minimum");
    }
    return key;
  }
}
