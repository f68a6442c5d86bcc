package io.artstore.admin.infrastructure;

import io.artstore.shared.api.json.JsonbConfigResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Builds {@link ElementGcApi} clients with bounded timeouts (a hanging element must not stall a GC
 * pass for long); request ids propagate through the shared RestClientBuilderListener.
 */
@ApplicationScoped
public class ElementGcClients {
  @Inject
  @ConfigProperty(name = "artstore.storage-client.connect-timeout-millis", defaultValue = "2000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "artstore.gc.call-timeout-millis", defaultValue = "10000")
  long readTimeoutMillis;

  public ElementGcApi forUrl(URI baseUri) {
    return RestClientBuilder.newBuilder()
        .baseUri(baseUri)
        .connectTimeout(Math.min(connectTimeoutMillis, readTimeoutMillis), TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .property("microprofile.rest.client.disable.default.mapper", Boolean.TRUE)
        .register(new JsonbConfigResolver())
        .build(ElementGcApi.class);
  }
}
