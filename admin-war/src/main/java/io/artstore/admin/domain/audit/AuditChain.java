package io.artstore.admin.domain.audit;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 chain over audit records: {@code mac = HMAC(key, canonical(record, prevMac))}.
 */
public final class AuditChain {
  /** The "previous MAC" of the first record. */
  public static final String GENESIS = "genesis";

  private final SecretKeySpec key;

  public AuditChain(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("The audit HMAC key must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  public String mac(AuditEvent event, String previousMac) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(event.canonical(previousMac)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
