package io.artstore.shared.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSA keys in PEM: public keys as X.509 SubjectPublicKeyInfo ({@code PUBLIC KEY}), private keys as
 * PKCS#8 ({@code PRIVATE KEY}) — what {@code openssl genpkey} and {@code openssl pkey -pubout}
 * write.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Pem() {}

  public static RSAPublicKey parsePublicKey(String pem) throws GeneralSecurityException {
    byte[] der = decode(pem, "PUBLIC KEY");
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }

  public static RSAPrivateCrtKey parsePrivateKey(String pem) throws GeneralSecurityException {
    byte[] der = decode(pem, "PRIVATE KEY");
    return (RSAPrivateCrtKey)
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  /** The public half of a private key (an RSA CRT key carries the public exponent). */
  public static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey)
      throws GeneralSecurityException {
    return (RSAPublicKey)
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
  }

  public static String encode(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] decode(String pem, String expectedType) throws GeneralSecurityException {
    Matcher m = BLOCK.matcher(pem == null ? "" : pem);
    if (!m.find()) {
      throw new GeneralSecurityException("not a PEM document");
    }
    if (!m.group(1).equals(expectedType)) {
      throw new GeneralSecurityException(
          "PEM type " + m.group(1) + " where " + expectedType + " was expected");
    }
    try {
      return Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("PEM body is not base64", e);
    }
  }
}
