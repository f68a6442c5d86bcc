package io.artstore.shared.api.request;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids: a caller's {@code X-Request-Id} is kept when it is safe to log and to echo (a token
 * of at most 128 visible characters); anything else is replaced by a fresh UUID, so a hostile
 * header can never forge log lines or split a response.
 */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

  private RequestIds() {}

  public static boolean isAcceptable(String candidate) {
    return candidate != null && SAFE.matcher(candidate).matches();
  }

  public static String acceptOrGenerate(String candidate) {
    return isAcceptable(candidate) ? candidate : generate();
  }

  public static String generate() {
    return UUID.randomUUID().toString();
  }
}
