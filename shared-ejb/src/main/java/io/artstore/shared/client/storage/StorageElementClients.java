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
    return RestClientBuilder.newBuilder()
        .baseUri(baseUri)
        .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .register(new JsonbConfigResolver())
        .build(StorageElementApi.class);
  }
}
