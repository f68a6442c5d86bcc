package io.artstore.shared.api.request;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Adds fields to every log line the current thread writes. On Open Liberty this is {@code
 * com.ibm.websphere.logging.hpel.LogRecordContext}: its extensions appear in the JSON console and
 * messages logs as {@code ext_<name>}. The class is not published on Maven Central, so it is
 * reached reflectively; elsewhere (unit tests) this is a no-op.
 */
public final class LogContext {
  private static final Logger LOG = Logger.getLogger(LogContext.class.getName());
  private static final Method ADD;
  private static final Method REMOVE;

  static {
    Method add = null;
    Method remove = null;
    try {
      Class<?> context = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
      add = context.getMethod("addExtension", String.class, String.class);
      remove = context.getMethod("removeExtension", String.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.FINE, "No Liberty log record context: log lines carry no request fields", e);
    }
    ADD = add;
    REMOVE = remove;
  }

  private LogContext() {}

  public static void put(String name, String value) {
    if (ADD == null || value == null) {
      return;
    }
    try {
      ADD.invoke(null, name, value);
    } catch (ReflectiveOperationException e) {
      LOG.log(Level.FINE, "Could not add log field " + name, e);
    }
  }

  public static void remove(String name) {
    if (REMOVE == null) {
      return;
    }
    try {
      REMOVE.invoke(null, name);
    } catch (ReflectiveOperationException e) {
      LOG.log(Level.FINE, "Could not remove log field " + name, e);
    }
  }
}
