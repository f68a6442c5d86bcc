package io.artstore.shared.api.request;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientBuilderListener;

/** Adds request-id propagation to every MicroProfile Rest Client the application builds. */
public class RequestIdRestClientListener implements RestClientBuilderListener {
  @Override
  public void onNewBuilder(RestClientBuilder builder) {
    builder.register(new RequestIdClientFilter());
  }
}
