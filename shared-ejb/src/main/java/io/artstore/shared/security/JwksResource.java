package io.artstore.shared.security;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code GET /.well-known/jwks.json} (RFC 7517) on every service: the keys this service accepts now
 * (the current key and those inside their grace period). Each service's MicroProfile JWT validates
 * against its own copy of this document, so the reloaded key ring is what Liberty checks signatures
 * with.
 */
@Path("/.well-known/jwks.json")
@RequestScoped
@PermitAll
public class JwksResource {
  @Inject KeyRingHolder keys;

  /** One RSA signing key (RFC 7517 §4, RFC 7518 §6.3.1). */
  public record JsonWebKey(
      @Schema(example = "RSA") String kty,
      @Schema(example = "sig") String use,
      @Schema(example = "RS256") String alg,
      @Schema(description = "RFC 7638 thumbprint") String kid,
      @Schema(description = "Modulus, base64url") String n,
      @Schema(example = "AQAB") String e) {}

  /** The key set. */
  public record JsonWebKeySet(List<JsonWebKey> keys) {}

  @GET
  @Produces({"application/jwk-set+json", "application/json"})
  @Operation(summary = "The public keys tokens are signed with (public)")
  public Response keySet() {
    List<JsonWebKey> active =
        keys.ring().active(Instant.now()).stream()
            .map(
                k ->
                    new JsonWebKey(
                        "RSA",
                        "sig",
                        "RS256",
                        k.kid(),
                        Jwk.base64Url(k.publicKey().getModulus()),
                        Jwk.base64Url(k.publicKey().getPublicExponent())))
            .toList();
    CacheControl cache = new CacheControl();
    cache.setMaxAge(5);
    return Response.ok(new JsonWebKeySet(active)).cacheControl(cache).build();
  }
}
