package io.artstore.transfer.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import javax.transaction.xa.XAResource;

/**
 * The adapter itself: outbound only (no inbound messages, no work of its own). Recovery of the
 * outbound branches goes through the managed connection factory, which Liberty recreates from the
 * connection factory's configuration.
 */
public class ElementResourceAdapter implements ResourceAdapter {
  @Override
  public void start(BootstrapContext context) {}

  @Override
  public void stop() {}

  @Override
  public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec)
      throws NotSupportedException {
    throw new NotSupportedException("The element transfer adapter has no inbound side");
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {}

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
