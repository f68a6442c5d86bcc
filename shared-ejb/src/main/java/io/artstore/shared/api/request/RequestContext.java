package io.artstore.shared.api.request;

/**
 * The request id of the request this thread is serving. Set by {@link RequestIdFilter} on the way
 * in and cleared on the way out; read by the problem responses, the log context and outgoing calls,
 * which propagate it.
 */
public final class RequestContext {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RequestContext() {}

  public static String currentId() {
    return CURRENT.get();
  }

  static void set(String requestId) {
    CURRENT.set(requestId);
    LogContext.put("requestId", requestId);
  }

  static void clear() {
    CURRENT.remove();
    LogContext.remove("requestId");
  }
}
