package io.artstore.admin.application.security;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.config.DynamicConfig;
import io.artstore.shared.infrastructure.fs.AtomicFiles;
import io.artstore.shared.security.Jwk;
import io.artstore.shared.security.KeyFiles;
import io.artstore.shared.security.KeyRing;
import io.artstore.shared.security.KeyRingHolder;
import io.artstore.shared.security.KeyRingReloader;
import io.artstore.shared.security.Pem;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rotates the signing key (SPEC §2.3), by hand ({@code POST /api/v1/keys/rotate}) or every {@code
 * ARTSTORE_KEYS_ROTATION_INTERVAL} (dynamic; default 24 h; 0 = off, for externally managed keys).
 *
 * <p>Publish before signing: the new public key is first written as {@code next_public_key.pem},
 * which every service accepts; only after one reload interval (every verifier has it) does it
 * become {@code public_key.pem} with its private key, and the old public key moves to {@code
 * retired/<kid>.pem}, accepted until its grace period ends. Retired files past their grace are
 * deleted. One admin replica at a time rotates (a PostgreSQL advisory lock).
 */
@ApplicationScoped
public class KeyRotation {
  private static final Logger LOG = Logger.getLogger(KeyRotation.class.getName());
  private static final long LOCK_ID = 0x41525453_4b455952L; // "ARTSKEYR"
  private static final long CHECK_SECONDS = 5;

  @Inject KeyRingHolder keys;
  @Inject KeyRingReloader reloader;
  @Inject DynamicConfig dynamic;
  @Inject AuditLog audit;

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> automatic;

  /** The outcome of a rotation. */
  public record Rotation(String previousKid, String newKid, Instant rotatedAt, String cause) {}

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    automatic =
        scheduler.scheduleWithFixedDelay(
            this::rotateIfDue, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (automatic != null) {
      automatic.cancel(false);
    }
  }

  /** {@code ARTSTORE_KEYS_ROTATION_INTERVAL}; zero means automatic rotation is off. */
  public Duration rotationInterval() {
    return dynamic.getDuration("artstore.keys.rotation-interval", "24h");
  }

  void rotateIfDue() {
    try {
      Duration interval = rotationInterval();
      if (interval.isZero() || interval.isNegative()) {
        return;
      }
      KeyRing ring = keys.ring();
      boolean due =
          ring.current().map(k -> !k.since().plus(interval).isAfter(Instant.now())).orElse(false);
      if (due && ring.signingKey() != null) {
        rotate("automatic", "system", "system");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Automatic key rotation failed; retrying", e);
    }
  }

  /** Rotates and records it in the audit log under {@code actor}. */
  public Rotation rotate(String cause, String actor, String actorType) {
    try {
      Rotation rotation = rotate(cause);
      audit.recordAndWait(
          actor,
          actorType,
          "key.rotate",
          "key:" + rotation.newKid(),
          AuditEvent.SUCCESS,
          Map.of(
              "previous_kid",
              rotation.previousKid(),
              "new_kid",
              rotation.newKid(),
              "cause",
              cause));
      return rotation;
    } catch (RuntimeException e) {
      audit.recordAndWait(
          actor,
          actorType,
          "key.rotate",
          null,
          AuditEvent.FAILURE,
          Map.of("cause", cause, "error", String.valueOf(e.getMessage())));
      throw e;
    }
  }

  public synchronized Rotation rotate(String cause) {
    try (Connection lockConnection = dataSource.getConnection()) {
      if (!tryLock(lockConnection)) {
        throw new ApiException(ProblemCode.CONFLICT, "Another admin replica is rotating the key.");
      }
      try {
        return rotateLocked(cause);
      } finally {
        unlock(lockConnection);
      }
    } catch (SQLException e) {
      throw new ApiException(
          ProblemCode.SERVICE_UNAVAILABLE,
          "The database (which serialises rotations) is not reachable.");
    }
  }

  private Rotation rotateLocked(String cause) {
    KeyRing before = keys.ring();
    if (before.signingKey() == null) {
      throw new ApiException(ProblemCode.SERVICE_UNAVAILABLE, "No signing key is loaded.");
    }
    Path dir = keys.directory();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      String newKid = Jwk.thumbprint((RSAPublicKey) pair.getPublic());
      String publicPem = Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded());

      // 1. Publish: every verifier accepts the new key before anything is signed with it.
      write(dir.resolve(KeyFiles.NEXT_PUBLIC_KEY), publicPem, false);
      keys.reload();
      LOG.info(
          () ->
              "Key rotation ("
                  + cause
                  + "): published "
                  + newKid
                  + ", waiting one reload interval");
      Thread.sleep(reloader.interval().plusSeconds(1).toMillis());

      // 2. Switch: retire the old public key, then the new pair becomes current.
      RSAPublicKey oldPublic = before.current().orElseThrow().publicKey();
      write(
          dir.resolve(KeyFiles.RETIRED_DIR).resolve(before.currentKid() + ".pem"),
          Pem.encode("PUBLIC KEY", oldPublic.getEncoded()),
          false);
      write(dir.resolve(KeyFiles.PUBLIC_KEY), publicPem, false);
      write(
          dir.resolve(KeyFiles.PRIVATE_KEY),
          Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()),
          true);
      Files.deleteIfExists(dir.resolve(KeyFiles.NEXT_PUBLIC_KEY));
      keys.reload();
      deleteExpiredRetiredKeys(dir);
      Rotation rotation = new Rotation(before.currentKid(), newKid, Instant.now(), cause);
      LOG.info(
          () ->
              "Key rotation ("
                  + cause
                  + "): now signing with "
                  + newKid
                  + "; "
                  + before.currentKid()
                  + " retired, accepted for "
                  + keys.gracePeriod());
      return rotation;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Key rotation failed in " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Key rotation interrupted", e);
    }
  }

  private void deleteExpiredRetiredKeys(Path dir) throws IOException {
    Path retired = dir.resolve(KeyFiles.RETIRED_DIR);
    if (!Files.isDirectory(retired)) {
      return;
    }
    Instant cutoff = Instant.now().minus(keys.gracePeriod());
    try (DirectoryStream<Path> files = Files.newDirectoryStream(retired, "*.pem")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
          Files.deleteIfExists(file);
          LOG.info(() -> "Deleted retired key " + file.getFileName() + " (past its grace period)");
        }
      }
    }
  }

  private static void write(Path file, String content, boolean ownerOnly) throws IOException {
    AtomicFiles.write(file, content.getBytes(StandardCharsets.US_ASCII), ownerOnly);
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      s.setLong(1, LOCK_ID);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static void unlock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
      s.setLong(1, LOCK_ID);
      s.execute();
    }
  }
}
