package io.artstore.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * Development signing keys: when the key directory holds no {@code private_key.pem}, a 2048-bit RSA
 * pair is generated there (private key PKCS#8, mode 0600; public key X.509 SubjectPublicKeyInfo).
 * Production keys are provisioned by the operator or rotated by admin; none is ever committed.
 */
public final class DevSigningKeys {
  public static final String PRIVATE_KEY = "private_key.pem";
  public static final String PUBLIC_KEY = "public_key.pem";

  private DevSigningKeys() {}

  /** Returns true when a new pair was generated. */
  public static boolean ensure(Path keysDir) throws IOException, GeneralSecurityException {
    Files.createDirectories(keysDir);
    if (Files.exists(keysDir.resolve(PRIVATE_KEY))) {
      return false;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    // Public first: a verifier must know a key before anything is signed with it.
    writeAtomically(keysDir, PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
    writeAtomically(keysDir, PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
    return true;
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void writeAtomically(Path dir, String name, String content, boolean secret)
      throws IOException {
    Path temp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      if (secret) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.writeString(temp, content, StandardCharsets.US_ASCII);
      try (var channel =
          java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
