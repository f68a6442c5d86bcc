package io.artstore.admin.infrastructure.security;

import io.artstore.shared.security.KeyRing;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies an ArtStore token admin itself receives outside MicroProfile JWT (a refresh token in a
 * request body): RS256 only, a {@code kid} the ring accepts, a valid signature, issuer, audience,
 * and a time window with 60 s skew.
 */
public final class TokenVerifier {
  private static final Duration SKEW = Duration.ofSeconds(60);

  private TokenVerifier() {}

  public static Optional<JsonObject> verify(
      String token, KeyRing ring, String issuer, String audience, Instant now) {
    try {
      String[] parts = token.split("\\.");
      if (parts.length != 3) {
        return Optional.empty();
      }
      JsonObject header = json(parts[0]);
      if (!"RS256".equals(header.getString("alg", null))) {
        return Optional.empty();
      }
      String kid = header.getString("kid", null);
      if (!ring.accepts(kid, now)) {
        return Optional.empty();
      }
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(ring.keys().get(kid).publicKey());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return Optional.empty();
      }
      JsonObject claims = json(parts[1]);
      if (!issuer.equals(claims.getString("iss", null))
          || !audience.equals(claims.getString("aud", null))) {
        return Optional.empty();
      }
      long exp = claims.getJsonNumber("exp").longValue();
      long nbf = claims.containsKey("nbf") ? claims.getJsonNumber("nbf").longValue() : 0;
      if (now.minus(SKEW).getEpochSecond() >= exp || now.plus(SKEW).getEpochSecond() < nbf) {
        return Optional.empty();
      }
      return Optional.of(claims);
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static JsonObject json(String part) {
    String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }
}
