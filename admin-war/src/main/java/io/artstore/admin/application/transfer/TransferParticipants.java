package io.artstore.admin.application.transfer;

/**
 * The elements as XA participants of the current JTA transaction (DECISIONS D41): opening a branch
 * enlists that element in the transaction; Liberty's transaction manager then prepares, commits or
 * rolls it back, and recovers it after a crash. Implemented over the element transfer resource
 * adapter ({@code infrastructure.transfer.ConnectorParticipants}).
 */
public interface TransferParticipants {
  /** One element's branch; close it when the work inside the transaction is done. */
  interface Branch extends AutoCloseable {
    /** The id the element knows the branch by (the XID): the staging goes under it. */
    String id();

    @Override
    void close();
  }

  /** The global transaction a branch id belongs to (its XID's format id and gtrid). */
  record GlobalTransaction(int formatId, byte[] globalTransactionId) {}

  GlobalTransaction globalTransactionOf(String branchId);

  /**
   * @param version for a source, the version of the file the coordinator copied; null for a target
   */
  Branch open(String elementId, String baseUrl, String role, String fileId, Long version);
}
