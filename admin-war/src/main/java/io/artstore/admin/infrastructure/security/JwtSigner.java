package io.artstore.admin.infrastructure.security;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Compact JWS with RS256 (RFC 7515, RFC 7518 §3.3): header with {@code kid}, signed claims. */
public final class JwtSigner {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private JwtSigner() {}

  public static String sign(JsonObject claims, String kid, PrivateKey key) {
    JsonObject header =
        Json.createObjectBuilder().add("alg", "RS256").add("typ", "JWT").add("kid", kid).build();
    String signingInput =
        B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Signing failed", e);
    }
  }
}
