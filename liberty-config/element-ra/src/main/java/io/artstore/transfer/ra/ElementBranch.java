package io.artstore.transfer.ra;

/** One element's branch of the current transaction, as the coordinator holds it. */
public interface ElementBranch extends AutoCloseable {
  /**
   * The branch id the element knows this branch by (base64url of the XID): the coordinator stages
   * the copy under it before the transaction manager prepares.
   *
   * @throws IllegalStateException when the branch was opened outside a transaction
   */
  String branchId();

  @Override
  void close();
}
