package io.artstore.transfer.ra;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import javax.transaction.xa.Xid;

/**
 * Branch ids as the elements know them: base64url without padding of the XID's format id (4 bytes,
 * big-endian), the length of the global transaction id (1 byte), the global transaction id and the
 * branch qualifier. At most 133 bytes, so at most 178 characters of {@code [A-Za-z0-9_-]}: a safe
 * file name on the element, and decodable back into the XID the transaction manager logged.
 */
public final class XidCodec {
  private XidCodec() {}

  public static String encode(Xid xid) {
    byte[] gtrid = xid.getGlobalTransactionId();
    byte[] bqual = xid.getBranchQualifier();
    ByteBuffer bytes = ByteBuffer.allocate(5 + gtrid.length + bqual.length);
    bytes.putInt(xid.getFormatId()).put((byte) gtrid.length).put(gtrid).put(bqual);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  public static Xid decode(String branch) {
    byte[] bytes = Base64.getUrlDecoder().decode(branch);
    if (bytes.length < 5) {
      throw new IllegalArgumentException("not a branch id: " + branch);
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int formatId = buffer.getInt();
    int gtridLength = buffer.get() & 0xff;
    if (gtridLength > bytes.length - 5) {
      throw new IllegalArgumentException("not a branch id: " + branch);
    }
    byte[] gtrid = Arrays.copyOfRange(bytes, 5, 5 + gtridLength);
    byte[] bqual = Arrays.copyOfRange(bytes, 5 + gtridLength, bytes.length);
    return new DecodedXid(formatId, gtrid, bqual);
  }

  /** An XID read back from a branch id; equal to any XID with the same three parts. */
  record DecodedXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {
    @Override
    public int getFormatId() {
      return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
      return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
      return bqual.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Xid x
          && x.getFormatId() == formatId
          && Arrays.equals(x.getGlobalTransactionId(), gtrid)
          && Arrays.equals(x.getBranchQualifier(), bqual);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * formatId + Arrays.hashCode(gtrid)) + Arrays.hashCode(bqual);
    }

    @Override
    public String toString() {
      return "Xid[" + encode(this) + "]";
    }
  }
}
