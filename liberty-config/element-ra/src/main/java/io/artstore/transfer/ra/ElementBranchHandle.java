package io.artstore.transfer.ra;

/** The application's handle on a managed connection (one branch). */
final class ElementBranchHandle implements ElementBranch {
  private volatile ElementManagedConnection connection;

  ElementBranchHandle(ElementManagedConnection connection) {
    this.connection = connection;
  }

  void associate(ElementManagedConnection connection) {
    this.connection = connection;
  }

  @Override
  public String branchId() {
    ElementManagedConnection c = connection;
    if (c == null) {
      throw new IllegalStateException("the branch is closed");
    }
    return c.branchId();
  }

  @Override
  public void close() {
    ElementManagedConnection c = connection;
    connection = null;
    if (c != null) {
      c.closed(this);
    }
  }
}
