package io.artstore.admin.api.security;

import io.artstore.admin.application.security.TokenSettings;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /.well-known/oauth-authorization-server} (RFC 8414). */
@Path("/.well-known/oauth-authorization-server")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class AuthorizationServerMetadataResource {
  @Inject TokenSettings settings;

  @Inject
  @ConfigProperty(name = "artstore.public-url", defaultValue = "http://localhost:8000")
  String publicUrl;

  /** The members of RFC 8414 §2 that apply to a client-credentials-only server. */
  public record Metadata(
      String issuer,
      String tokenEndpoint,
      String jwksUri,
      List<String> grantTypesSupported,
      List<String> tokenEndpointAuthMethodsSupported,
      List<String> responseTypesSupported,
      List<String> tokenEndpointAuthSigningAlgValuesSupported) {}

  @GET
  @Operation(summary = "Authorization server metadata (public)")
  public Metadata metadata() {
    String base =
        publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    return new Metadata(
        settings.issuer(),
        base + "/api/v1/auth/token",
        base + "/.well-known/jwks.json",
        List.of("client_credentials"),
        List.of("client_secret_basic", "client_secret_post"),
        List.of(),
        List.of("RS256"));
  }
}
