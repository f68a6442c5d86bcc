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

  /**
   * The id to propagate on an outgoing call: the current request's, or a new one for work that no
   * request started (a scheduled job, a health probe).
   */
  public static String currentOrNewId() {
    String current = CURRENT.get();
    return current == null ? RequestIds.generate() : current;
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
