package io.artstore.admin.api.security;

import io.artstore.admin.application.security.KeyRotation;
import io.artstore.shared.api.problem.Problem;
import io.artstore.shared.security.KeyRing;
import io.artstore.shared.security.KeyRingHolder;
import io.artstore.shared.security.KeyRingReloader;
import io.artstore.shared.security.Principals;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The signing keys: {@code GET /api/v1/keys}, {@code POST /api/v1/keys/rotate}. For ADMIN service
 * accounts and SUPER_ADMIN users (SPEC §2.1: key rotation is account management).
 */
@Path("/api/v1/keys")
@RolesAllowed({Roles.ADMIN, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class KeysResource {
  @Inject KeyRingHolder keys;
  @Inject KeyRingReloader reloader;
  @Inject KeyRotation rotation;
  @Inject JsonWebToken caller;

  /** One key the services accept now. */
  public record KeyView(
      @Schema(description = "RFC 7638 thumbprint") String kid,
      @Schema(enumeration = {"current", "next", "retired"}) String status,
      @Schema(description = "Whether admin signs with it") boolean signing,
      @Schema(description = "When the key was made (current) or retired") Instant since,
      @Schema(example = "3600") long ageSeconds,
      @Schema(description = "End of the grace period (retired keys)") Instant validUntil) {}

  /** The key ring and its schedule. */
  public record KeysView(
      String signingKid,
      @Schema(example = "5") long reloadIntervalSeconds,
      @Schema(example = "3600") long gracePeriodSeconds,
      @Schema(description = "0: automatic rotation off", example = "86400")
          long rotationIntervalSeconds,
      List<KeyView> keys) {}

  @GET
  @Operation(summary = "Signing keys: which signs, ages, grace ends")
  public KeysView keys() {
    Principals.requireAccountManager(caller);
    KeyRing ring = keys.ring();
    Instant now = Instant.now();
    List<KeyView> views =
        ring.active(now).stream()
            .map(
                k ->
                    new KeyView(
                        k.kid(),
                        k.kid().equals(ring.currentKid())
                            ? "current"
                            : k.kid().equals(ring.nextKid()) ? "next" : "retired",
                        k.kid().equals(ring.currentKid()) && ring.signingKey() != null,
                        k.since(),
                        Duration.between(k.since(), now).toSeconds(),
                        k.validUntil()))
            .toList();
    return new KeysView(
        ring.currentKid(),
        reloader.interval().toSeconds(),
        keys.gracePeriod().toSeconds(),
        rotation.rotationInterval().toSeconds(),
        views);
  }

  @POST
  @Path("/rotate")
  @Operation(
      summary = "Rotate the signing key now",
      description =
          "Publishes a new key, waits one reload interval so every service knows it, then signs"
              + " with it; the old key stays valid for the grace period.")
  @APIResponse(responseCode = "200", description = "Rotated")
  @APIResponse(
      responseCode = "409",
      description = "CONFLICT: another replica is rotating",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public KeyRotation.Rotation rotate() {
    Principals.requireAccountManager(caller);
    return rotation.rotate("manual", caller.getName(), Principals.type(caller));
  }
}
