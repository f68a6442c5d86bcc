package io.artstore.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {
  @TempDir Path dir;

  @Test
  void embeddedDefaultsUnlessExternalUrlsAreGiven() {
    RunSettings defaults = RunSettings.from(Map.of(), dir);
    assertTrue(defaults.embeddedDatabase());
    assertTrue(defaults.embeddedRedis());
    assertEquals(dir.resolve("data"), defaults.dataDir());
    assertEquals(dir.resolve("keys"), defaults.keysDir());
    assertEquals(15432, defaults.embeddedDbPort());

    RunSettings external =
        RunSettings.from(
            Map.of(
                "ARTSTORE_DB_URL", "jdbc:postgresql://db:5432/artstore",
                "ARTSTORE_DB_USER", "artstore",
                "ARTSTORE_REDIS_URL", "redis://cache:6379",
                "ARTSTORE_DATA_DIR", "/srv/artstore"),
            dir);
    assertFalse(external.embeddedDatabase());
    assertFalse(external.embeddedRedis());
    assertEquals("artstore", external.dbUser());
    assertEquals(Path.of("/srv/artstore"), external.dataDir());
  }

  @Test
  void everyServerDirectoryIsAnInstanceWithThePortOfItsServerEnv() throws Exception {
    Path servers = dir.resolve("usr/servers");
    for (var entry : Map.of("admin", 8000, "storage-x", 8019).entrySet()) {
      Path server = Files.createDirectories(servers.resolve(entry.getKey()));
      Files.writeString(server.resolve("server.xml"), "<server/>");
      Files.writeString(
          server.resolve("server.env"), "# comment\nHTTP_PORT=" + entry.getValue() + "\nX=a=b\n");
    }
    Files.createDirectories(servers.resolve("not-a-server"));
    List<LibertyServer> found = LibertyServer.discover(dir, dir.resolve("usr"), dir.resolve("out"));
    assertEquals(List.of("admin", "storage-x"), found.stream().map(LibertyServer::name).toList());
    assertEquals(8019, found.get(1).httpPort());
    assertEquals(
        Map.of("HTTP_PORT", "8000", "X", "a=b"),
        LibertyServer.readEnvFile(servers.resolve("admin/server.env")));
  }

  @Test
  void devKeysAreAValidPairAndThePrivateKeyIsOwnerOnly() throws Exception {
    assertTrue(DevSigningKeys.ensure(dir));
    assertFalse(DevSigningKeys.ensure(dir), "existing keys are never replaced");
    Path privateKey = dir.resolve(DevSigningKeys.PRIVATE_KEY);
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPublicKey publicKey =
        (RSAPublicKey)
            rsa.generatePublic(new X509EncodedKeySpec(der(dir.resolve(DevSigningKeys.PUBLIC_KEY))));
    assertTrue(publicKey.getModulus().bitLength() >= 2048);
    rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privateKey)));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temp files left");
    }
  }

  private static byte[] der(Path pem) throws Exception {
    String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}
