package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.storage.domain.transfer.BranchId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which file ids live transfer branches hold on this element (staged or prepared targets, prepared
 * sources), rebuilt from the branch records at start-up. While a branch holds a file, nothing else
 * may change it: no metadata update, delete, GC or withdraw of a source file (the target's copy was
 * made of this version), no upload or second staging of a target's file id.
 */
@ApplicationScoped
public class TransferLocks {
  private final ConcurrentHashMap<UUID, BranchId> held = new ConcurrentHashMap<>();

  /** Takes the file for the branch; false when another branch holds it. */
  public boolean hold(UUID fileId, BranchId branch) {
    BranchId holder = held.putIfAbsent(fileId, branch);
    return holder == null || holder.equals(branch);
  }

  public void release(UUID fileId, BranchId branch) {
    held.remove(fileId, branch);
  }

  public Optional<BranchId> holder(UUID fileId) {
    return Optional.ofNullable(held.get(fileId));
  }

  /** 409 CONFLICT when a branch holds the file. */
  public void refuseIfHeld(UUID fileId) {
    BranchId holder = held.get(fileId);
    if (holder != null) {
      throw new ApiException(
          ProblemCode.CONFLICT,
          "File " + fileId + " is part of transfer branch " + holder + " until it is resolved.");
    }
  }

  void clear() {
    held.clear();
  }
}
