package io.artstore.transfer.ra;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A "connection" to the element fleet: nothing is held open (each call is its own HTTP request); it
 * carries the branch asked for and the XID its XAResource was started with. Pooled connections are
 * reused for any branch: the request is set again on every {@link #getConnection}.
 */
final class ElementManagedConnection implements ManagedConnection {
  private final ElementManagedConnectionFactory factory;
  private final ElementXAResource xaResource;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private volatile BranchRequest request;
  private volatile Xid xid;
  private PrintWriter logWriter;

  ElementManagedConnection(ElementManagedConnectionFactory factory, BranchRequest request) {
    this.factory = factory;
    this.request = request;
    this.xaResource = new ElementXAResource(factory, this);
  }

  BranchRequest request() {
    return request;
  }

  void started(Xid xid) {
    this.xid = xid;
  }

  String branchId() {
    Xid current = xid;
    if (current == null) {
      throw new IllegalStateException(
          "the branch is not enlisted: open it inside a JTA transaction");
    }
    return XidCodec.encode(current);
  }

  void closed(ElementBranchHandle handle) {
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    for (ConnectionEventListener listener : listeners) {
      listener.connectionClosed(event);
    }
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info)
      throws ResourceException {
    if (info instanceof BranchRequest branch) {
      this.request = branch;
    }
    return new ElementBranchHandle(this);
  }

  @Override
  public void destroy() {
    request = null;
    xid = null;
  }

  @Override
  public void cleanup() {
    xid = null;
  }

  @Override
  public void associateConnection(Object handle) throws ResourceException {
    if (!(handle instanceof ElementBranchHandle h)) {
      throw new ResourceException("not a branch handle: " + handle);
    }
    h.associate(this);
  }

  @Override
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public XAResource getXAResource() {
    return xaResource;
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("Transfers are XA only");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override
      public String getEISProductName() {
        return "ArtStore storage element";
      }

      @Override
      public String getEISProductVersion() {
        return "1";
      }

      @Override
      public int getMaxConnections() {
        return 0;
      }

      @Override
      public String getUserName() {
        return "admin";
      }
    };
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  ElementManagedConnectionFactory factory() {
    return factory;
  }
}
