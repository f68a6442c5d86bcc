package io.artstore.shared.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingsTest {
  private static final Duration GRACE = Duration.ofHours(1);
  private static KeyPair k1;
  private static KeyPair k2;
  private static KeyPair k3;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    k1 = generator.generateKeyPair();
    k2 = generator.generateKeyPair();
    k3 = generator.generateKeyPair();
  }

  @Test
  void kidIsTheRfc7638Thumbprint() {
    // RFC 7638 §3.1 example key and its published thumbprint.
    java.math.BigInteger n =
        new java.math.BigInteger(
            1,
            java.util.Base64.getUrlDecoder()
                .decode(
                    "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"));
    java.math.BigInteger e = new java.math.BigInteger(1, new byte[] {1, 0, 1});
    RSAPublicKey key =
        new RSAPublicKey() {
          public java.math.BigInteger getPublicExponent() {
            return e;
          }

          public java.math.BigInteger getModulus() {
            return n;
          }

          public String getAlgorithm() {
            return "RSA";
          }

          public String getFormat() {
            return null;
          }

          public byte[] getEncoded() {
            return null;
          }
        };
    assertEquals("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", Jwk.thumbprint(key));
  }

  @Test
  void firstLoadHasOnlyTheCurrentKey() throws Exception {
    write(KeyFiles.PUBLIC_KEY, k1);
    KeyRing ring = KeyRings.next(KeyRing.empty(), KeyFiles.read(dir, false), GRACE, Instant.now());
    assertEquals(kid(k1), ring.currentKid());
    assertEquals(1, ring.active(Instant.now()).size());
    assertNull(ring.signingKey(), "verifiers never read the private key");
  }

  @Test
  void replacedKeyStaysValidForTheGraceThenIsDropped() throws Exception {
    write(KeyFiles.PUBLIC_KEY, k1);
    Instant t0 = Instant.now();
    KeyRing first = KeyRings.next(KeyRing.empty(), KeyFiles.read(dir, false), GRACE, t0);
    write(KeyFiles.PUBLIC_KEY, k2);
    KeyRing second = KeyRings.next(first, KeyFiles.read(dir, false), GRACE, t0.plusSeconds(10));
    assertEquals(kid(k2), second.currentKid());
    assertTrue(second.accepts(kid(k1), t0.plusSeconds(10)));
    assertTrue(second.accepts(kid(k1), t0.plus(GRACE)));
    assertFalse(second.accepts(kid(k1), t0.plus(GRACE).plusSeconds(11)));
    KeyRing later =
        KeyRings.next(second, KeyFiles.read(dir, false), GRACE, t0.plus(GRACE).plusSeconds(20));
    assertEquals(List.of(kid(k2)), later.keys().keySet().stream().toList(), "expired key dropped");
  }

  @Test
  void retiredFileDecidesTheGraceForEveryService() throws Exception {
    write(KeyFiles.PUBLIC_KEY, k2);
    Files.createDirectories(dir.resolve(KeyFiles.RETIRED_DIR));
    Path retired = dir.resolve(KeyFiles.RETIRED_DIR).resolve(kid(k1) + ".pem");
    Files.writeString(retired, Pem.encode("PUBLIC KEY", k1.getPublic().getEncoded()));
    Instant retiredAt = Instant.now().minus(Duration.ofMinutes(50));
    Files.setLastModifiedTime(retired, FileTime.from(retiredAt));
    KeyRing ring = KeyRings.next(KeyRing.empty(), KeyFiles.read(dir, false), GRACE, Instant.now());
    assertTrue(ring.accepts(kid(k1), Instant.now()));
    assertFalse(ring.accepts(kid(k1), retiredAt.plus(GRACE).plusSeconds(1)));
    Files.setLastModifiedTime(retired, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    assertFalse(
        KeyRings.next(KeyRing.empty(), KeyFiles.read(dir, false), GRACE, Instant.now())
            .accepts(kid(k1), Instant.now()),
        "past its grace");
  }

  @Test
  void nextKeyIsAcceptedBeforeItSigns() throws Exception {
    write(KeyFiles.PUBLIC_KEY, k1);
    write(KeyFiles.NEXT_PUBLIC_KEY, k2);
    KeyRing ring = KeyRings.next(KeyRing.empty(), KeyFiles.read(dir, false), GRACE, Instant.now());
    assertEquals(kid(k1), ring.currentKid());
    assertEquals(kid(k2), ring.nextKid());
    assertTrue(
        ring.accepts(kid(k2), Instant.now().plus(Duration.ofDays(10))), "no expiry while next");
    assertFalse(ring.accepts(kid(k3), Instant.now()));
  }

  @Test
  void signingServiceNeedsAMatchingPrivateKey() throws Exception {
    write(KeyFiles.PUBLIC_KEY, k1);
    Files.writeString(
        dir.resolve(KeyFiles.PRIVATE_KEY), Pem.encode("PRIVATE KEY", k2.getPrivate().getEncoded()));
    assertThrows(
        GeneralSecurityException.class, () -> KeyFiles.read(dir, true), "half-written rotation");
    Files.writeString(
        dir.resolve(KeyFiles.PRIVATE_KEY), Pem.encode("PRIVATE KEY", k1.getPrivate().getEncoded()));
    assertEquals(
        ((RSAPublicKey) k1.getPublic()).getModulus(),
        KeyFiles.read(dir, true).privateKey().getModulus());
  }

  @Test
  void badFilesAreRefusedOrIgnored() throws Exception {
    Files.writeString(
        dir.resolve(KeyFiles.PUBLIC_KEY),
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    assertThrows(GeneralSecurityException.class, () -> KeyFiles.read(dir, false));
    KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
    small.initialize(1024);
    write(KeyFiles.PUBLIC_KEY, small.generateKeyPair());
    assertThrows(GeneralSecurityException.class, () -> KeyFiles.read(dir, false), "1024 bits");
    write(KeyFiles.PUBLIC_KEY, k1);
    Files.createDirectories(dir.resolve(KeyFiles.RETIRED_DIR));
    Files.writeString(dir.resolve(KeyFiles.RETIRED_DIR).resolve("junk.pem"), "junk");
    KeyFiles.Snapshot snapshot = KeyFiles.read(dir, false);
    assertEquals(1, snapshot.problems().size(), "a bad retired file is reported, the rest loads");
  }

  private void write(String name, KeyPair pair) throws Exception {
    Files.writeString(dir.resolve(name), Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
  }

  private static String kid(KeyPair pair) {
    return Jwk.thumbprint((RSAPublicKey) pair.getPublic());
  }
}
