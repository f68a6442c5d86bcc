package io.artstore.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One more storage element beside the running system (see {@link StandaloneServer}), configured
 * like the system's elements but with its own id, port, schema, data directory, heap and backend.
 */
final class StandaloneElement extends StandaloneServer {
  final String schema;

  /**
   * @param settings extra server.env lines (ARTSTORE_SE_MODE, ARTSTORE_SE_STORAGE_TYPE, ...)
   * @param heap the -Xmx of its JVM, e.g. "256m"
   */
  StandaloneElement(String id, int port, String heap, Map<String, String> settings) {
    super("storage-edit", id, port, heap, elementSettings(id, settings));
    this.schema = schemaOf(id);
  }

  private static String schemaOf(String id) {
    return "se_" + id.replace('-', '_');
  }

  private static Map<String, String> elementSettings(String id, Map<String, String> settings) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ARTSTORE_SE_ID", id);
    env.put("ARTSTORE_SE_NAME", id);
    env.put("ARTSTORE_SE_MODE", "edit");
    env.put("ARTSTORE_SE_PRIORITY", "500");
    env.put("ARTSTORE_DB_SCHEMA", schemaOf(id));
    env.put("ARTSTORE_SE_DATA_DIR", rootOf(id).resolve("data").toString());
    env.putAll(settings);
    return env;
  }

  @Override
  StandaloneElement start() {
    super.start();
    return this;
  }
}
