package io.artstore.transfer.ra;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * The connection factory Liberty binds in JNDI: every open() goes through its connection manager.
 */
final class ElementBranchesImpl implements ElementBranches, Serializable, Referenceable {
  private static final long serialVersionUID = 1L;

  private final transient ElementManagedConnectionFactory factory;
  private final transient ConnectionManager manager;
  private Reference reference;

  ElementBranchesImpl(ElementManagedConnectionFactory factory, ConnectionManager manager) {
    this.factory = factory;
    this.manager = manager;
  }

  @Override
  public ElementBranch open(BranchRequest request) throws ResourceException {
    return (ElementBranch) manager.allocateConnection(factory, request);
  }

  @Override
  public void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public Reference getReference() {
    return reference;
  }
}
