package io.artstore.admin.api.security;

import io.artstore.admin.application.security.ClientCredentialsGrant;
import io.artstore.admin.application.security.OAuthException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/auth/token}: OAuth 2.0 client credentials (RFC 6749 §4.4). Form-encoded with
 * the credentials in the body or in HTTP Basic (§2.3.1), or JSON. Answers and errors are RFC 6749's
 * (§5.1, §5.2), not problem+json, and are never cached.
 */
@Path("/api/v1/auth/token")
@RequestScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {
  @Inject ClientCredentialsGrant grant;

  /** RFC 6749 §5.1. */
  public record TokenResponse(
      @Schema(description = "RS256 JWT") String accessToken,
      @Schema(example = "Bearer") String tokenType,
      @Schema(description = "Seconds", example = "1800") long expiresIn,
      @Schema(description = "The account's role", example = "ADMIN") String scope) {}

  /** RFC 6749 §5.2. */
  public record ErrorResponse(
      @Schema(example = "invalid_client") String error,
      @Schema(example = "Client authentication failed") String errorDescription) {}

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Token for a service account (form: body or HTTP Basic credentials)")
  @RequestBody(
      content =
          @Content(
              mediaType = MediaType.APPLICATION_FORM_URLENCODED,
              examples =
                  @ExampleObject(
                      name = "body credentials",
                      value =
                          "grant_type=client_credentials&client_id=sa_dev_app_1a2b3c4d&client_secret=…")))
  @APIResponse(
      responseCode = "200",
      description = "Issued",
      content = @Content(schema = @Schema(implementation = TokenResponse.class)))
  @APIResponse(
      responseCode = "400",
      description = "invalid_request, unsupported_grant_type",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  @APIResponse(
      responseCode = "401",
      description = "invalid_client",
      content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
  public Response form(
      MultivaluedMap<String, String> form,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    try {
      checkGrantType(single(form, "grant_type"), true);
      String bodyId = single(form, "client_id");
      String bodySecret = single(form, "client_secret");
      String[] basic = basicCredentials(authorization);
      if (basic != null && (bodyId != null || bodySecret != null)) {
        throw OAuthException.invalidRequest("Use one client authentication method, not two");
      }
      return issue(basic != null ? basic[0] : bodyId, basic != null ? basic[1] : bodySecret);
    } catch (OAuthException e) {
      return error(e);
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Token for a service account (JSON body)")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "json",
                      value = "{\"client_id\":\"sa_dev_app_1a2b3c4d\",\"client_secret\":\"…\"}")))
  public Response json(String body) {
    try {
      JsonObject request;
      try (JsonReader reader = Json.createReader(new StringReader(body == null ? "" : body))) {
        request = reader.readObject();
      } catch (JsonException | IllegalStateException e) {
        throw OAuthException.invalidRequest("The body is not a JSON object");
      }
      checkGrantType(string(request, "grant_type"), false);
      return issue(string(request, "client_id"), string(request, "client_secret"));
    } catch (OAuthException e) {
      return error(e);
    }
  }

  private Response issue(String clientId, String clientSecret) {
    ClientCredentialsGrant.Grant granted = grant.grant(clientId, clientSecret);
    return noStore(
            Response.ok(
                new TokenResponse(
                    granted.token().token(),
                    "Bearer",
                    granted.token().lifetime().toSeconds(),
                    granted.account().role())))
        .build();
  }

  private static void checkGrantType(String grantType, boolean required) {
    if (grantType == null) {
      if (required) {
        throw OAuthException.invalidRequest("grant_type is required");
      }
      return;
    }
    if (!ClientCredentialsGrant.GRANT_TYPE.equals(grantType)) {
      throw new OAuthException(
          OAuthException.UNSUPPORTED_GRANT_TYPE, 400, "Only client_credentials is supported");
    }
  }

  /** RFC 6749 §2.3.1: Basic with form-urlencoded id and secret; null when absent. */
  static String[] basicCredentials(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw OAuthException.invalidClient("Malformed Basic credentials");
      }
      return new String[] {
        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
      };
    } catch (IllegalArgumentException e) {
      throw OAuthException.invalidClient("Malformed Basic credentials");
    }
  }

  private static String single(MultivaluedMap<String, String> form, String name) {
    List<String> values = form == null ? null : form.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw OAuthException.invalidRequest(name + " must appear once");
    }
    return values.get(0);
  }

  private static String string(JsonObject object, String name) {
    JsonValue value = object.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (!(value instanceof JsonString text)) {
      throw OAuthException.invalidRequest(name + " must be a string");
    }
    return text.getString();
  }

  private static Response error(OAuthException e) {
    Response.ResponseBuilder builder =
        Response.status(e.status()).entity(new ErrorResponse(e.error(), e.getMessage()));
    if (e.status() == 401) {
      builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"artstore\", charset=\"UTF-8\"");
    }
    return noStore(builder).build();
  }

  private static Response.ResponseBuilder noStore(Response.ResponseBuilder builder) {
    return builder.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache");
  }
}
