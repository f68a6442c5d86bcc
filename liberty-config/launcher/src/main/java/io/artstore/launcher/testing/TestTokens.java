package io.artstore.launcher.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens for tests, signed with the key directory's private key the way admin signs them, plus the
 * malformed and forged variants a verifier must refuse (SPEC §8: {@code alg:none}, HS256 signed
 * with the public key as the secret, a foreign key, a wrong issuer or audience, expired). Test
 * support only: it never ships in a WAR.
 */
public final class TestTokens {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;
  private final String kid;
  private int rateLimit = 1_000_000;

  private TestTokens(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
    this.privateKey = privateKey;
    this.publicKey =
        (RSAPublicKey)
            KeyFactory.getInstance("RSA")
                .generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
    this.kid = thumbprint(publicKey);
  }

  /** Signs with {@code private_key.pem} of {@code keysDir}. */
  public static TestTokens fromKeyDirectory(Path keysDir) throws Exception {
    String pem = Files.readString(keysDir.resolve("private_key.pem"), StandardCharsets.US_ASCII);
    byte[] der =
        Base64.getMimeDecoder()
            .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    return new TestTokens(
        (RSAPrivateCrtKey)
            KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)));
  }

  /** Signs with a fresh key no service knows. */
  public static TestTokens foreignKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    return new TestTokens((RSAPrivateCrtKey) pair.getPrivate());
  }

  /** The {@code rate_limit} claim of the tokens minted from now on (default: practically none). */
  public TestTokens withRateLimit(int requestsPerMinute) {
    this.rateLimit = requestsPerMinute;
    return this;
  }

  public String kid() {
    return kid;
  }

  /** A valid access token of a service account with {@code roles}. */
  public String serviceAccount(String clientId, String... roles) {
    return sign(claims("artstore", "artstore", clientId, Duration.ofMinutes(30), "access", roles));
  }

  /**
   * A valid access token of any principal: {@code type} is {@code service_account} or {@code
   * admin_user}; {@code subject} is the account id that ownership checks compare.
   */
  public String principal(String subject, String upn, String type, String... roles) {
    String claims =
        claims("artstore", "artstore", upn, Duration.ofMinutes(30), "access", roles)
            .replaceFirst("\"sub\":\"[^\"]*\"", "\"sub\":\"" + subject + "\"")
            .replace("\"type\":\"service_account\"", "\"type\":\"" + type + "\"");
    return sign(claims);
  }

  public String withIssuer(String issuer, String... roles) {
    return sign(claims(issuer, "artstore", "sa_test", Duration.ofMinutes(30), "access", roles));
  }

  public String withAudience(String audience, String... roles) {
    return sign(claims("artstore", audience, "sa_test", Duration.ofMinutes(30), "access", roles));
  }

  /** Expired {@code age} ago. */
  public String expired(Duration age, String... roles) {
    return sign(claims("artstore", "artstore", "sa_test", age.negated(), "access", roles));
  }

  public String refreshToken(String... roles) {
    return sign(
        claims("artstore", "artstore", "sa_test", Duration.ofMinutes(30), "refresh", roles));
  }

  /** Unsigned, {@code alg: none}. */
  public String algNone(String... roles) {
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    return b64(header)
        + "."
        + b64(claims("artstore", "artstore", "sa_test", Duration.ofMinutes(30), "access", roles))
        + ".";
  }

  /** HS256 with the public key's encoding as the HMAC secret (the classic key-confusion attack). */
  public String hs256WithPublicKey(String... roles) throws GeneralSecurityException {
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    String input =
        b64(header)
            + "."
            + b64(
                claims("artstore", "artstore", "sa_test", Duration.ofMinutes(30), "access", roles));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"));
    return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private String claims(
      String issuer,
      String audience,
      String clientId,
      Duration validFor,
      String tokenUse,
      String... roles) {
    Instant now = Instant.now();
    Instant issued = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofMinutes(30)) : now;
    Instant expires = now.plus(validFor);
    String groups =
        List.of(roles).stream()
            .map(r -> "\"" + r + "\"")
            .collect(Collectors.joining(",", "[", "]"));
    return "{\"iss\":\""
        + issuer
        + "\",\"aud\":\""
        + audience
        + "\",\"sub\":\""
        + UUID.randomUUID()
        + "\",\"upn\":\""
        + clientId
        + "\",\"client_id\":\""
        + clientId
        + "\",\"rate_limit\":"
        + rateLimit
        + ",\"type\":\"service_account\",\"token_use\":\""
        + tokenUse
        + "\",\"groups\":"
        + groups
        + ",\"jti\":\""
        + UUID.randomUUID()
        + "\",\"iat\":"
        + issued.getEpochSecond()
        + ",\"nbf\":"
        + issued.getEpochSecond()
        + ",\"exp\":"
        + expires.getEpochSecond()
        + "}";
  }

  private String sign(String claims) {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    String input = b64(header) + "." + b64(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign((PrivateKey) privateKey);
      rsa.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(String json) {
    return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** RFC 7638, computed independently of the production code on purpose. */
  static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
    String json =
        "{\"e\":\""
            + unsigned(key.getPublicExponent())
            + "\",\"kty\":\"RSA\",\"n\":\""
            + unsigned(key.getModulus())
            + "\"}";
    return B64.encodeToString(
        MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return B64.encodeToString(bytes);
  }
}
