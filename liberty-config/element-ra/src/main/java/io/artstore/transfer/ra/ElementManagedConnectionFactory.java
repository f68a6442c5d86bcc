package io.artstore.transfer.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.security.auth.Subject;

/**
 * The factory Liberty configures from server.xml ({@code properties.elementTransfers}) and also
 * recreates during recovery after a crash, to get an XAResource that recovers and completes the
 * branches of the last run (see {@link BranchJournal}).
 */
public class ElementManagedConnectionFactory
    implements ManagedConnectionFactory, ResourceAdapterAssociation {
  private static final long serialVersionUID = 1L;

  /** Tells this run's branches (in flight) from those of earlier runs (to recover). */
  private static final String RUN = UUID.randomUUID().toString();

  private String journalDirectory;
  private Integer requestTimeoutSeconds = 30;
  private transient ResourceAdapter resourceAdapter;
  private transient PrintWriter logWriter;
  private transient volatile BranchJournal journal;
  private transient volatile ElementCalls calls;
  private transient volatile FaultInjection faults;

  public String getJournalDirectory() {
    return journalDirectory;
  }

  public void setJournalDirectory(String journalDirectory) {
    this.journalDirectory = journalDirectory;
  }

  public Integer getRequestTimeoutSeconds() {
    return requestTimeoutSeconds;
  }

  public void setRequestTimeoutSeconds(Integer requestTimeoutSeconds) {
    this.requestTimeoutSeconds = requestTimeoutSeconds;
  }

  String run() {
    return RUN;
  }

  BranchJournal journal() {
    if (journal == null) {
      synchronized (this) {
        if (journal == null) {
          if (journalDirectory == null || journalDirectory.isBlank()) {
            throw new IllegalStateException("journalDirectory is not configured");
          }
          journal = new BranchJournal(Path.of(journalDirectory));
        }
      }
    }
    return journal;
  }

  ElementCalls calls() {
    if (calls == null) {
      synchronized (this) {
        if (calls == null) {
          calls =
              new ElementCalls(
                  Duration.ofSeconds(requestTimeoutSeconds == null ? 30 : requestTimeoutSeconds));
        }
      }
    }
    return calls;
  }

  FaultInjection faults() {
    if (faults == null) {
      faults = FaultInjection.fromEnvironment();
    }
    return faults;
  }

  @Override
  public Object createConnectionFactory(ConnectionManager manager) {
    return new ElementBranchesImpl(this, manager);
  }

  @Override
  public Object createConnectionFactory() throws ResourceException {
    throw new ResourceException("Transfers need the application server's connection manager");
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
    return new ElementManagedConnection(this, info instanceof BranchRequest b ? b : null);
  }

  /** Any free connection serves any branch: it holds nothing but the request. */
  @Override
  @SuppressWarnings("rawtypes")
  public ManagedConnection matchManagedConnections(
      Set connections, Subject subject, ConnectionRequestInfo info) {
    Iterator it = connections.iterator();
    while (it.hasNext()) {
      Object candidate = it.next();
      if (candidate instanceof ElementManagedConnection c && c.factory() == this) {
        return c;
      }
    }
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return resourceAdapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter adapter) {
    this.resourceAdapter = adapter;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ElementManagedConnectionFactory f
        && Objects.equals(journalDirectory, f.journalDirectory)
        && Objects.equals(requestTimeoutSeconds, f.requestTimeoutSeconds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(journalDirectory, requestTimeoutSeconds);
  }
}
