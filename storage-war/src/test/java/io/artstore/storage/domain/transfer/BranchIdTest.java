package io.artstore.storage.domain.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BranchIdTest {

  @Test
  void aBase64UrlEncodedXidIsABranchId() {
    byte[] gtrid = "artstore-transfer-42".getBytes(StandardCharsets.UTF_8);
    byte[] bqual = new byte[] {(byte) 0xfb, (byte) 0xff, 1, 2};
    ByteBuffer xid = ByteBuffer.allocate(4 + 1 + gtrid.length + 1 + bqual.length);
    xid.putInt(0x4153).put((byte) gtrid.length).put(gtrid).put((byte) bqual.length).put(bqual);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(xid.array());

    assertTrue(BranchId.isValid(encoded), encoded);
    assertEquals(encoded, new BranchId(encoded).value());
    assertEquals(encoded, new BranchId(encoded).toString());
  }

  @Test
  void lengthIsOneToTwoHundred() {
    assertTrue(BranchId.isValid("a"));
    assertTrue(BranchId.isValid("a".repeat(200)));
    assertFalse(BranchId.isValid("a".repeat(201)));
    assertFalse(BranchId.isValid(""));
    assertFalse(BranchId.isValid(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"abc=", "a+b", "a/b", "..", ".hidden", "a b", "ä", "a\nb", "a\\b", "%2e%2e"})
  void anythingButBase64UrlCharactersIsRefused(String value) {
    assertFalse(BranchId.isValid(value), value);
    assertThrows(IllegalArgumentException.class, () -> new BranchId(value));
  }

  @Test
  void equalIdsAreEqual() {
    assertEquals(new BranchId("AbC-_9"), new BranchId("AbC-_9"));
    assertFalse(new BranchId("abc").equals(new BranchId("ABC")), "case matters");
  }
}
