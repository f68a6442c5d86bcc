package io.artstore.ingester.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContentDigestsTest {
  // sha-256 of "hello world"
  static final String HEX = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
  static final String B64 = "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=";

  @Test
  void readsTheSha256MemberAmongOthers() {
    assertEquals(Optional.of(HEX), ContentDigests.sha256("sha-256=:" + B64 + ":"));
    assertEquals(
        Optional.of(HEX), ContentDigests.sha256("sha-512=:AAAA:, SHA-256=:" + B64 + ":;q=1"));
    assertEquals(Optional.empty(), ContentDigests.sha256("sha-512=:AAAA:"));
    assertEquals(Optional.empty(), ContentDigests.sha256(null));
    assertEquals(Optional.empty(), ContentDigests.sha256("  "));
  }

  @Test
  void refusesMalformedSha256() {
    assertThrows(IllegalArgumentException.class, () -> ContentDigests.sha256("sha-256=" + B64));
    assertThrows(IllegalArgumentException.class, () -> ContentDigests.sha256("sha-256=:%%%:"));
    assertThrows(IllegalArgumentException.class, () -> ContentDigests.sha256("sha-256=:AAAA:"));
  }

  @Test
  void checksumFieldTakesHexWithOrWithoutPrefix() {
    assertEquals(HEX, ContentDigests.checksumField(HEX));
    assertEquals(HEX, ContentDigests.checksumField("sha256:" + HEX.toUpperCase()));
    assertEquals(HEX, ContentDigests.checksumField(" sha-256:" + HEX + " "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ContentDigests.checksumField("abc"));
    assertTrue(e.getMessage().contains("64 hex"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ContentDigests.checksumField("md5:" + HEX.substring(0, 32)));
    assertThrows(
        IllegalArgumentException.class, () -> ContentDigests.checksumField(HEX.replace('b', 'x')));
  }
}
