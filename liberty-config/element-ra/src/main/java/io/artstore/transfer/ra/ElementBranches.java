package io.artstore.transfer.ra;

import jakarta.resource.ResourceException;

/**
 * The connection factory the coordinator looks up ({@code eis/elementBranches}): opening a branch
 * inside a JTA transaction enlists that element's XAResource, which journals the branch and gives
 * it its id (the XID). Close the branch when done; it stays enlisted until the transaction ends.
 */
public interface ElementBranches {
  ElementBranch open(BranchRequest request) throws ResourceException;
}
