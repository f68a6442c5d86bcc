package io.artstore.admin.infrastructure.transfer;

import io.artstore.admin.application.transfer.TransferParticipants;
import io.artstore.transfer.ra.BranchRequest;
import io.artstore.transfer.ra.CoordinatorCredentials;
import io.artstore.transfer.ra.ElementBranch;
import io.artstore.transfer.ra.ElementBranches;
import io.artstore.transfer.ra.XidCodec;
import jakarta.resource.ResourceException;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The participants through the element transfer resource adapter ({@code eis/elementBranches}).
 * Only this class names the adapter's types: it is loaded on first use, so a server without the
 * adapter (the Arquillian test server) still deploys admin, with transfers unavailable.
 */
public final class ConnectorParticipants implements TransferParticipants {
  static final String JNDI_NAME = "eis/elementBranches";

  private final ElementBranches branches;

  /**
   * Also hands the adapter admin's own token, which it needs for recovery as much as for new
   * transfers.
   */
  public ConnectorParticipants(Supplier<String> authorization, Runnable refused)
      throws NamingException {
    CoordinatorCredentials.install(authorization, refused);
    this.branches = (ElementBranches) new InitialContext().lookup(JNDI_NAME);
  }

  @Override
  public GlobalTransaction globalTransactionOf(String branchId) {
    javax.transaction.xa.Xid xid = XidCodec.decode(branchId);
    return new GlobalTransaction(xid.getFormatId(), xid.getGlobalTransactionId());
  }

  @Override
  public Branch open(String elementId, String baseUrl, String role, String fileId, Long version) {
    ElementBranch branch;
    try {
      branch = branches.open(new BranchRequest(elementId, baseUrl, role, fileId, version));
    } catch (ResourceException e) {
      throw new IllegalStateException("Transfer branch on " + elementId + " not opened", e);
    }
    return new Branch() {
      @Override
      public String id() {
        return branch.branchId();
      }

      @Override
      public void close() {
        branch.close();
      }
    };
  }
}
