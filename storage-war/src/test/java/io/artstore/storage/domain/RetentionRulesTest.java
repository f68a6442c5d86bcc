package io.artstore.storage.domain;

import static io.artstore.storage.domain.RetentionRules.Decision.ALLOWED;
import static io.artstore.storage.domain.RetentionRules.Decision.FORBIDDEN;
import static io.artstore.storage.domain.RetentionRules.Decision.MODE_NOT_ALLOWED;
import static io.artstore.storage.domain.RetentionRules.Decision.RETENTION_LOCKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.artstore.storage.domain.RetentionRules.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RetentionRulesTest {
  private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

  /** When the file expires relative to NOW. */
  enum Expiry {
    NONE,
    FUTURE,
    EXACTLY_NOW,
    PAST
  }

  static FileAttributes file(RetentionPolicy policy, Expiry expiry, FileStatus status) {
    Instant expiresAt =
        switch (expiry) {
          case NONE -> null;
          case FUTURE -> NOW.plus(Duration.ofDays(1));
          case EXACTLY_NOW -> NOW;
          case PAST -> NOW.minusMillis(1);
        };
    return new FileAttributes(
        FileAttributes.SCHEMA_VERSION,
        UUID.fromString("0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11"),
        "r.pdf",
        "r_alice_20261101T000000_0b4e5c1a-3f5d-4c8e-9a77-2d1b6f0e8c11.pdf",
        "2026/11/01/00/",
        10,
        "application/pdf",
        FileAttributes.Checksum.sha256("00"),
        NOW.minus(Duration.ofDays(21)),
        NOW.minus(Duration.ofDays(21)),
        new FileAttributes.Uploader("u1", "alice"),
        null,
        null,
        null,
        policy,
        expiry == Expiry.NONE ? null : 30,
        expiresAt,
        status,
        "se-1",
        1);
  }

  // ---- client DELETE ----

  /** The whole matrix in EDIT, the only mode that allows DELETE. */
  @ParameterizedTest(name = "{0} expiring {1}, owner/admin {2} -> {3}")
  @CsvSource({
    "PERMANENT,NONE,true,RETENTION_LOCKED",
    "PERMANENT,NONE,false,RETENTION_LOCKED",
    "PERMANENT,PAST,true,RETENTION_LOCKED",
    "PERMANENT,PAST,false,RETENTION_LOCKED",
    "TEMPORARY,FUTURE,true,ALLOWED",
    "TEMPORARY,FUTURE,false,FORBIDDEN",
    "TEMPORARY,NONE,true,ALLOWED",
    "TEMPORARY,NONE,false,FORBIDDEN",
    "TEMPORARY,EXACTLY_NOW,true,ALLOWED",
    "TEMPORARY,EXACTLY_NOW,false,ALLOWED",
    "TEMPORARY,PAST,true,ALLOWED",
    "TEMPORARY,PAST,false,ALLOWED",
  })
  void deleteInEditMode(
      RetentionPolicy policy, Expiry expiry, boolean ownerOrAdmin, Decision expected) {
    FileAttributes f = file(policy, expiry, FileStatus.ACTIVE);
    assertEquals(expected, RetentionRules.mayDelete(f, ElementMode.EDIT, ownerOrAdmin, NOW));
  }

  @ParameterizedTest
  @EnumSource(
      value = ElementMode.class,
      names = {"RW", "RO", "AR"})
  void deleteInOtherModesIsNeverAllowed(ElementMode mode) {
    for (RetentionPolicy policy : RetentionPolicy.values()) {
      for (Expiry expiry : Expiry.values()) {
        for (boolean owner : new boolean[] {true, false}) {
          FileAttributes f = file(policy, expiry, FileStatus.ACTIVE);
          assertEquals(MODE_NOT_ALLOWED, RetentionRules.mayDelete(f, mode, owner, NOW));
        }
      }
    }
  }

  @Test
  void onlyEditAllowsDelete() {
    // the rule rests on ElementMode's table; fail loudly if that table changes
    for (ElementMode mode : ElementMode.values()) {
      assertEquals(mode == ElementMode.EDIT, mode.allows(Operation.DELETE), mode.name());
    }
  }

  @ParameterizedTest
  @EnumSource(FileStatus.class)
  void deleteDoesNotLookAtTheStatus(FileStatus status) {
    assertEquals(
        RETENTION_LOCKED,
        RetentionRules.mayDelete(
            file(RetentionPolicy.PERMANENT, Expiry.NONE, status), ElementMode.EDIT, true, NOW));
    assertEquals(
        FORBIDDEN,
        RetentionRules.mayDelete(
            file(RetentionPolicy.TEMPORARY, Expiry.FUTURE, status), ElementMode.EDIT, false, NOW));
  }

  @Test
  void deleteNeedsItsArguments() {
    FileAttributes f = file(RetentionPolicy.TEMPORARY, Expiry.PAST, FileStatus.ACTIVE);
    assertThrows(
        NullPointerException.class,
        () -> RetentionRules.mayDelete(null, ElementMode.EDIT, true, NOW));
    assertThrows(NullPointerException.class, () -> RetentionRules.mayDelete(f, null, true, NOW));
    assertThrows(
        NullPointerException.class,
        () -> RetentionRules.mayDelete(f, ElementMode.EDIT, true, null));
  }

  // ---- GC purge ----

  @ParameterizedTest(name = "{0} expiring {1}, {2} -> {3}")
  @CsvSource({
    "PERMANENT,NONE,ACTIVE,RETENTION_LOCKED",
    "PERMANENT,PAST,ACTIVE,RETENTION_LOCKED",
    "PERMANENT,NONE,DELETED,ALLOWED",
    "PERMANENT,NONE,EXPIRED,ALLOWED",
    "TEMPORARY,FUTURE,ACTIVE,RETENTION_LOCKED",
    "TEMPORARY,NONE,ACTIVE,RETENTION_LOCKED",
    "TEMPORARY,EXACTLY_NOW,ACTIVE,ALLOWED",
    "TEMPORARY,PAST,ACTIVE,ALLOWED",
    "TEMPORARY,FUTURE,DELETED,ALLOWED",
    "TEMPORARY,PAST,DELETED,ALLOWED",
    "TEMPORARY,FUTURE,EXPIRED,ALLOWED",
    "TEMPORARY,PAST,EXPIRED,ALLOWED",
    "TEMPORARY,NONE,DELETED,ALLOWED",
  })
  void purge(RetentionPolicy policy, Expiry expiry, FileStatus status, Decision expected) {
    assertEquals(expected, RetentionRules.mayPurge(file(policy, expiry, status), NOW));
  }

  @Test
  void purgeNeverAnswersModeOrOwnership() {
    for (RetentionPolicy policy : RetentionPolicy.values()) {
      for (Expiry expiry : Expiry.values()) {
        for (FileStatus status : FileStatus.values()) {
          Decision d = RetentionRules.mayPurge(file(policy, expiry, status), NOW);
          assertEquals(true, d == ALLOWED || d == RETENTION_LOCKED, d.name());
        }
      }
    }
  }

  @Test
  void aTransferredCopyIsNeverPurgedByTheGeneralRule() {
    // Its own rule (margin and mode) is TransferRules.mayRemoveTransferred.
    for (RetentionPolicy policy : RetentionPolicy.values()) {
      for (Expiry expiry : Expiry.values()) {
        assertEquals(
            RETENTION_LOCKED,
            RetentionRules.mayPurge(file(policy, expiry, FileStatus.TRANSFERRED), NOW),
            policy + " " + expiry);
      }
    }
  }

  @Test
  void aTemporaryFileBecomesPurgeableAtItsExpiry() {
    FileAttributes f = file(RetentionPolicy.TEMPORARY, Expiry.EXACTLY_NOW, FileStatus.ACTIVE);
    assertEquals(RETENTION_LOCKED, RetentionRules.mayPurge(f, NOW.minusNanos(1)));
    assertEquals(ALLOWED, RetentionRules.mayPurge(f, NOW));
  }

  @Test
  void purgeNeedsItsArguments() {
    assertThrows(NullPointerException.class, () -> RetentionRules.mayPurge(null, NOW));
    assertThrows(
        NullPointerException.class,
        () ->
            RetentionRules.mayPurge(
                file(RetentionPolicy.TEMPORARY, Expiry.PAST, FileStatus.ACTIVE), null));
  }

  // ---- withdraw (DECISIONS D35) ----

  private static FileAttributes createdAt(Instant created, RetentionPolicy policy) {
    FileAttributes f = file(policy, Expiry.NONE, FileStatus.ACTIVE);
    return new FileAttributes(
        f.schemaVersion(),
        f.fileId(),
        f.originalFilename(),
        f.storageFilename(),
        f.storagePath(),
        f.sizeBytes(),
        f.contentType(),
        f.checksum(),
        created,
        created,
        f.uploadedBy(),
        f.description(),
        f.tags(),
        f.metadata(),
        f.retentionPolicy(),
        f.ttlDays(),
        f.expiresAt(),
        f.status(),
        f.storageElementId(),
        f.version());
  }

  @ParameterizedTest
  @EnumSource(RetentionPolicy.class)
  void aFileYoungerThanTheWindowMayBeWithdrawnWhateverItsRetention(RetentionPolicy policy) {
    Duration window = Duration.ofMinutes(15);
    assertEquals(
        ALLOWED, RetentionRules.mayWithdraw(createdAt(NOW, policy), NOW, window), "just stored");
    assertEquals(
        ALLOWED,
        RetentionRules.mayWithdraw(createdAt(NOW.minus(window).plusMillis(1), policy), NOW, window),
        "a millisecond before the window closes");
  }

  @ParameterizedTest
  @EnumSource(RetentionPolicy.class)
  void fromTheEndOfTheWindowOnAWithdrawIsRetentionLocked(RetentionPolicy policy) {
    Duration window = Duration.ofMinutes(15);
    assertEquals(
        RETENTION_LOCKED,
        RetentionRules.mayWithdraw(createdAt(NOW.minus(window), policy), NOW, window),
        "exactly at the end");
    assertEquals(
        RETENTION_LOCKED,
        RetentionRules.mayWithdraw(
            createdAt(NOW.minus(Duration.ofDays(400)), policy), NOW, window));
  }

  @Test
  void aZeroWindowNeverAllowsAndAFileWithoutCreationTimeIsNeverYoung() {
    assertEquals(
        RETENTION_LOCKED,
        RetentionRules.mayWithdraw(createdAt(NOW, RetentionPolicy.PERMANENT), NOW, Duration.ZERO));
    assertEquals(
        RETENTION_LOCKED,
        RetentionRules.mayWithdraw(
            createdAt(null, RetentionPolicy.TEMPORARY), NOW, Duration.ofDays(1)));
  }

  @Test
  void aCreationTimeInTheFutureIsWithinTheWindow() {
    // Clock skew between the writer and now: still the fresh upload it is.
    assertEquals(
        ALLOWED,
        RetentionRules.mayWithdraw(
            createdAt(NOW.plusSeconds(5), RetentionPolicy.PERMANENT), NOW, Duration.ofMinutes(15)));
  }
}
