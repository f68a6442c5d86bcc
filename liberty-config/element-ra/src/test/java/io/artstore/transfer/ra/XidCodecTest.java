package io.artstore.transfer.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;

class XidCodecTest {
  static Xid xid(int format, int gtridLength, int bqualLength, byte fill) {
    byte[] g = new byte[gtridLength];
    byte[] b = new byte[bqualLength];
    Arrays.fill(g, fill);
    Arrays.fill(b, (byte) (fill + 1));
    return new XidCodec.DecodedXid(format, g, b);
  }

  @Test
  void aBranchIdDecodesToTheSameXid() {
    Xid xid = xid(0x57415344, 40, 31, (byte) 7);
    Xid back = XidCodec.decode(XidCodec.encode(xid));
    assertEquals(xid.getFormatId(), back.getFormatId());
    assertArrayEquals(xid.getGlobalTransactionId(), back.getGlobalTransactionId());
    assertArrayEquals(xid.getBranchQualifier(), back.getBranchQualifier());
    assertEquals(xid, back);
    assertEquals(xid.hashCode(), back.hashCode());
  }

  @Test
  void theLargestXidStaysWithinTheElementsBranchIdRules() {
    String branch = XidCodec.encode(xid(-1, 64, 64, (byte) -3));
    assertTrue(branch.length() <= 200, branch);
    assertTrue(branch.matches("[A-Za-z0-9_-]+"), branch);
  }

  @Test
  void xidsDifferingOnlyInTheirQualifierGetDifferentIds() {
    Xid a = new XidCodec.DecodedXid(1, new byte[] {1, 2}, new byte[] {3});
    Xid b = new XidCodec.DecodedXid(1, new byte[] {1, 2}, new byte[] {4});
    Xid c = new XidCodec.DecodedXid(1, new byte[] {1}, new byte[] {2, 3});
    assertTrue(!XidCodec.encode(a).equals(XidCodec.encode(b)));
    assertTrue(!XidCodec.encode(a).equals(XidCodec.encode(c)), "the split point is encoded");
  }

  @Test
  void garbageIsNoBranchId() {
    assertThrows(IllegalArgumentException.class, () -> XidCodec.decode("AAA"));
    assertThrows(IllegalArgumentException.class, () -> XidCodec.decode("AAAAAP8"));
  }
}
