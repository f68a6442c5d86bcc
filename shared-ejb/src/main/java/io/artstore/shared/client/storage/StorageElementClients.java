package io.artstore.shared.client.storage;

import io.artstore.shared.api.json.JsonbConfigResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds {@link StorageElementApi} clients for element URLs, with the API's JSON conventions and
 * bounded timeouts (a slow element must never hold a caller's thread for long). Request ids
 * propagate through the shared RestClientBuilderListener.
 */
@ApplicationScoped
public class StorageElementClients {
  @Inject
  @ConfigProperty(name = "artstore.storage-client.connect-timeout-millis", defaultValue = "2000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "artstore.storage-client.read-timeout-millis", defaultValue = "5000")
  long readTimeoutMillis;

  public StorageElementApi forUrl(URI baseUri) {
    return forUrl(baseUri, readTimeoutMillis);
  }

  /**
   * A client with a read timeout of its own (health checks want a short one); the connect timeout
   * is never longer than the read timeout.
   */
  public StorageElementApi forUrl(URI baseUri, long readTimeoutMillis) {
    return RestClientBuilder.newBuilder()
        .baseUri(baseUri)
        .connectTimeout(Math.min(connectTimeoutMillis, readTimeoutMillis), TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .register(new JsonbConfigResolver())
        .build(StorageElementApi.class);
  }

  /** The element's mode transition, answering with the element's response whatever its status. */
  public StorageElementModeApi modeApi(URI baseUri) {
    return relaying(baseUri, StorageElementModeApi.class);
  }

  /** The element's file API on behalf of a caller, answering whatever the status. */
  public StorageElementFilesApi filesApi(URI baseUri) {
    return relaying(baseUri, StorageElementFilesApi.class);
  }

  /**
   * The element's GC endpoint (purge, withdraw), answering whatever the status, with a read timeout
   * of its own (a purge may take a moment; a hanging element must not stall a GC pass).
   */
  public StorageElementGcApi gcApi(URI baseUri, long readTimeoutMillis) {
    return relaying(baseUri, StorageElementGcApi.class, readTimeoutMillis);
  }

  private <T> T relaying(URI baseUri, Class<T> api) {
    return relaying(baseUri, api, readTimeoutMillis);
  }

  /** A client whose answers come back as they are: error statuses are the caller's to relay. */
  private <T> T relaying(URI baseUri, Class<T> api, long readTimeoutMillis) {
    return RestClientBuilder.newBuilder()
        .baseUri(baseUri)
        .connectTimeout(Math.min(connectTimeoutMillis, readTimeoutMillis), TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .property("microprofile.rest.client.disable.default.mapper", Boolean.TRUE)
        .register(new JsonbConfigResolver())
        .build(api);
  }
}
