package io.artstore.admin.application.security;

/**
 * An RFC 6749 §5.2 error of the token endpoint: {@code error} is the registered code, the message
 * is the {@code error_description} shown to the client.
 */
public class OAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_CLIENT = "invalid_client";
  public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

  private final String error;
  private final int status;

  public OAuthException(String error, int status, String description) {
    super(description);
    this.error = error;
    this.status = status;
  }

  public static OAuthException invalidRequest(String description) {
    return new OAuthException(INVALID_REQUEST, 400, description);
  }

  public static OAuthException invalidClient(String description) {
    return new OAuthException(INVALID_CLIENT, 401, description);
  }

  public String error() {
    return error;
  }

  public int status() {
    return status;
  }
}
