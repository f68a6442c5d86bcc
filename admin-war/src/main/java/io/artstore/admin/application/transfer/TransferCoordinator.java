package io.artstore.admin.application.transfer;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.application.registry.Actor;
import io.artstore.admin.application.security.AdminElementToken;
import io.artstore.admin.domain.registry.ElementStatus;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.admin.domain.transfer.ItemState;
import io.artstore.admin.domain.transfer.TransferRules;
import io.artstore.admin.infrastructure.FileRegistryRepository;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.admin.infrastructure.TransferRepository;
import io.artstore.admin.infrastructure.transfer.StagingClient;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Moves files between elements (SPEC §5.4, DECISIONS D41). Per file: checks the rules, then in one
 * JTA transaction opens the target's and the source's branches (enlisting both elements through the
 * resource adapter), streams the copy into the target's staging area under the target branch's id,
 * and switches the registry row on the XA datasource (with {@code file.transferred}, the item's
 * outcome and the pending removal of the source's copy). Liberty's transaction manager then
 * prepares the three participants and commits them, or rolls them all back; its recovery log
 * finishes the job after a crash.
 */
@ApplicationScoped
public class TransferCoordinator {
  private static final Logger LOG = Logger.getLogger(TransferCoordinator.class.getName());
  private static final String XA_DATASOURCE = "jdbc/artstoreXa";
  private static final String PARTICIPANTS =
      "io.artstore.admin.infrastructure.transfer.ConnectorParticipants";

  /** This run of this replica: open items of other coordinators are reconciled, not ours. */
  static final String RUN = hostName() + "/" + UUID.randomUUID();

  @Inject FileRegistryRepository registry;
  @Inject StorageElementRepository elements;
  @Inject TransferRepository transfers;
  @Inject StagingClient staging;
  @Inject AdminElementToken token;
  @Inject AuditLog audit;

  @Resource UserTransaction transaction;
  @Resource ManagedExecutorService executor;

  private volatile TransferParticipants participants;

  /** The outcome of one file's move. */
  public record Outcome(ItemState state, String code, String detail, StoredFile file) {
    static Outcome refused(String code, String detail) {
      return new Outcome(ItemState.FAILED, code, detail, null);
    }
  }

  /** Transfers cannot run on this server (no resource adapter or XA datasource). */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  public String run() {
    return RUN;
  }

  /**
   * The participants, created on first use; creating them also hands the adapter admin's token,
   * which its recovery needs, so admin does this at start-up too.
   */
  public TransferParticipants participants() {
    TransferParticipants p = participants;
    if (p == null) {
      synchronized (this) {
        if (participants == null) {
          try {
            participants =
                (TransferParticipants)
                    Class.forName(PARTICIPANTS, true, TransferCoordinator.class.getClassLoader())
                        .getConstructor(java.util.function.Supplier.class, Runnable.class)
                        .newInstance(
                            (java.util.function.Supplier<String>) token::bearer,
                            (Runnable) token::invalidate);
          } catch (ReflectiveOperationException | LinkageError e) {
            throw new Unavailable(
                "The element transfer resource adapter is not available on this server", e);
          }
        }
        p = participants;
      }
    }
    return p;
  }

  /** Records a transfer of {@code fileIds} and runs it in the background, file after file. */
  public UUID startTransfer(List<UUID> fileIds, String targetElementId, Actor actor) {
    participants();
    UUID transferId = UUID.randomUUID();
    transfers.create(
        transferId, "transfer", targetElementId, actor.name(), actor.name(), RUN, fileIds);
    audit.record(
        actor.name(),
        actor.type(),
        "transfer.start",
        "transfer:" + transferId,
        "success",
        Map.of("files", fileIds.size(), "target_storage_element_id", targetElementId));
    executor.submit(
        () -> {
          for (int i = 0; i < fileIds.size(); i++) {
            moveAndRecord(transferId, i, fileIds.get(i), targetElementId, false, actor);
          }
          transfers.finishIfDone(transferId);
        });
    return transferId;
  }

  /**
   * Finalizes one file now (in the caller's thread); the outcome is also recorded as a transfer.
   */
  public Map.Entry<UUID, Outcome> finalizeFile(UUID fileId, String targetElementId, Actor actor) {
    participants();
    UUID transferId = UUID.randomUUID();
    transfers.create(
        transferId, "finalize", targetElementId, actor.name(), actor.name(), RUN, List.of(fileId));
    Outcome outcome = moveAndRecord(transferId, 0, fileId, targetElementId, true, actor);
    transfers.finishIfDone(transferId);
    return Map.entry(transferId, outcome);
  }

  private Outcome moveAndRecord(
      UUID transferId,
      int position,
      UUID fileId,
      String targetElementId,
      boolean finalize,
      Actor actor) {
    Outcome outcome;
    try {
      outcome = move(transferId, position, fileId, targetElementId, finalize);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Transfer of " + fileId + " failed", e);
      outcome = Outcome.refused("INTERNAL_ERROR", e.toString());
    }
    if (outcome.state() != ItemState.COMMITTED) {
      transfers.update(
          transferId,
          position,
          outcome.state(),
          null,
          null,
          outcome.code(),
          outcome.detail(),
          null);
    }
    audit.record(
        actor.name(),
        actor.type(),
        finalize ? "file.finalize" : "file.transfer",
        "file:" + fileId,
        outcome.state() == ItemState.COMMITTED ? "success" : "failure",
        outcome.state() == ItemState.COMMITTED
            ? Map.of(
                "transfer_id", transferId.toString(),
                "storage_element_id", outcome.file().storageElementId())
            : Map.of(
                "transfer_id", transferId.toString(),
                "state", outcome.state().wireName(),
                "code", String.valueOf(outcome.code())));
    return outcome;
  }

  Outcome move(
      UUID transferId, int position, UUID fileId, String requestedTarget, boolean finalize) {
    Optional<StoredFile> found = registry.find(fileId);
    if (found.isEmpty()) {
      return Outcome.refused("NOT_FOUND", "No file " + fileId + " in the registry.");
    }
    StoredFile file = found.get();
    Optional<StorageElement> sourceFound = elements.findByElementId(file.storageElementId());
    if (sourceFound.isEmpty()) {
      return Outcome.refused(
          "SE_UNAVAILABLE",
          "The file's element " + file.storageElementId() + " is not registered.");
    }
    StorageElement source = sourceFound.get();
    Optional<TransferRules.Refusal> refusal = Optional.empty();
    if (finalize) {
      refusal = TransferRules.mayFinalize(file.status(), file.retentionPolicy(), source.mode());
    }
    Optional<StorageElement> targetFound =
        requestedTarget != null
            ? elements.findByElementId(requestedTarget)
            : finalize ? permanentTarget(file) : Optional.empty();
    if (refusal.isEmpty() && targetFound.isEmpty()) {
      return requestedTarget != null
          ? Outcome.refused("NOT_FOUND", "No registered element " + requestedTarget + ".")
          : Outcome.refused("NO_STORAGE_AVAILABLE", "No online rw element has room for the file.");
    }
    String retention = finalize ? "permanent" : file.retentionPolicy();
    if (refusal.isEmpty()) {
      StorageElement t = targetFound.get();
      refusal =
          TransferRules.mayTransfer(
              file.status(),
              retention,
              source.elementId(),
              t.elementId(),
              t.mode(),
              t.status() != ElementStatus.OFFLINE);
    }
    if (refusal.isPresent()) {
      return Outcome.refused(refusal.get().code(), refusal.get().reason());
    }
    StorageElement target = targetFound.get();
    transfers.update(
        transferId,
        position,
        ItemState.STAGING,
        source.elementId(),
        target.elementId(),
        null,
        null,
        null);
    return switchInOneTransaction(transferId, position, file, source, target, retention);
  }

  private Outcome switchInOneTransaction(
      UUID transferId,
      int position,
      StoredFile file,
      StorageElement source,
      StorageElement target,
      String retention) {
    TransferParticipants p = participants();
    DataSource xa = xaDataSource();
    String fileId = file.fileId();
    StoredFile after = null;
    String targetBranchId = null;
    try {
      // Long enough for the copy at 20 MiB/s plus the two phases; a hung copy still ends.
      transaction.setTransactionTimeout(
          (int) Math.min(Integer.MAX_VALUE, 120 + file.sizeBytes() / (20L * 1024 * 1024)));
      transaction.begin();
    } catch (Exception e) {
      return Outcome.refused("INTERNAL_ERROR", "No transaction: " + e);
    }
    try {
      // Enlistment order is commit order (and prepare runs the other way round): the target
      // commits first, then the registry, then the source, whose copy is thus hidden only once
      // the target's is active and the registry points at it; a source that is down during the
      // commit is retried while the file is already served from the target.
      try (TransferParticipants.Branch targetBranch =
          p.open(target.elementId(), base(target), "target", fileId, null)) {
        String branch = targetBranch.id();
        targetBranchId = branch;
        String authorization = token.bearer();
        String document = staging.sourceDocument(base(source), fileId, authorization);
        StagingClient.Staged staged =
            staging.stage(
                base(source), base(target), branch, file, document, retention, authorization);
        if (!staged.ok()) {
          rollback();
          return new Outcome(
              ItemState.ROLLED_BACK,
              problemCode(staged.body(), staged.status()),
              "The target did not stage the copy (" + staged.status() + "): " + staged.body(),
              null);
        }
        after = staged.document();
        try (Connection c = xa.getConnection()) {
          if (!FileRegistryRepository.transfer(c, file, after, transferId.toString())) {
            rollback();
            return new Outcome(
                ItemState.ROLLED_BACK,
                "CONFLICT",
                "The file changed in the registry while it was copied.",
                null);
          }
          TransferRepository.committed(c, transferId, position, branch);
          TransferRepository.removeLater(
              c, UUID.fromString(fileId), source.elementId(), transferId);
        }
        try (TransferParticipants.Branch sourceBranch =
            p.open(source.elementId(), base(source), "source", fileId, file.version())) {
          sourceBranch.id(); // enlisted: it votes on the version copied
        }
      }
      transaction.commit();
      return new Outcome(ItemState.COMMITTED, null, null, after);
    } catch (RollbackException e) {
      return new Outcome(
          ItemState.ROLLED_BACK,
          "CONFLICT",
          "A participant voted no; the transfer was rolled back: " + e.getMessage(),
          null);
    } catch (HeuristicMixedException e) {
      // The decision was commit and some participant did not hear it. The elements' branches are
      // retried by the transaction manager (XAER_RMFAIL); the registry's is the one it gives up
      // on (see TransferRepository.commitPrepared): finish it here.
      if (targetBranchId != null && completeRegistryBranch(targetBranchId)) {
        LOG.warning(
            "Transfer of "
                + fileId
                + ": the registry missed the commit; its prepared transaction was committed");
        return new Outcome(ItemState.COMMITTED, null, null, after);
      }
      if (after != null && registryShows(after)) {
        // The registry committed; an element that did not answer is retried until it does.
        LOG.warning(
            "Transfer of "
                + fileId
                + " committed; an element completes its branch when it answers again: "
                + e);
        return new Outcome(ItemState.COMMITTED, null, null, after);
      }
      LOG.log(Level.SEVERE, "Transfer of " + fileId + " ended heuristically", e);
      return new Outcome(ItemState.FAILED, "HEURISTIC_OUTCOME", e.toString(), null);
    } catch (HeuristicRollbackException e) {
      LOG.log(Level.SEVERE, "Transfer of " + fileId + " ended heuristically", e);
      return new Outcome(ItemState.FAILED, "HEURISTIC_OUTCOME", e.toString(), null);
    } catch (StagingClient.Unreachable e) {
      rollback();
      return new Outcome(ItemState.ROLLED_BACK, "SE_UNAVAILABLE", e.getMessage(), null);
    } catch (IOException | SQLException | RuntimeException e) {
      rollback();
      LOG.log(Level.WARNING, "Transfer of " + fileId + " rolled back", e);
      return new Outcome(ItemState.ROLLED_BACK, "INTERNAL_ERROR", e.toString(), null);
    } catch (Exception e) {
      rollback();
      return new Outcome(ItemState.ROLLED_BACK, "INTERNAL_ERROR", e.toString(), null);
    }
  }

  private boolean registryShows(StoredFile after) {
    return registry
        .find(UUID.fromString(after.fileId()))
        .map(
            now ->
                now.storageElementId().equals(after.storageElementId())
                    && now.version() == after.version())
        .orElse(false);
  }

  /** Commits the registry's prepared branch of the transaction the target branch belongs to. */
  private boolean completeRegistryBranch(String targetBranchId) {
    try {
      TransferParticipants.GlobalTransaction global =
          participants().globalTransactionOf(targetBranchId);
      return transfers.commitPrepared(global.formatId(), global.globalTransactionId()) > 0;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The registry's prepared transaction could not be committed", e);
      return false;
    }
  }

  private void rollback() {
    try {
      int status = transaction.getStatus();
      if (status != Status.STATUS_NO_TRANSACTION) {
        transaction.rollback();
      }
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Transfer transaction not rolled back", e);
    }
  }

  /** The online rw element with room for the file: lowest priority first, then most free space. */
  private Optional<StorageElement> permanentTarget(StoredFile file) {
    return elements.all().stream()
        .filter(e -> "rw".equals(e.mode()))
        .filter(e -> e.status() == ElementStatus.ONLINE)
        .filter(e -> e.capacityAvailableBytes() >= file.sizeBytes())
        .min(
            Comparator.comparingInt(StorageElement::priority)
                .thenComparing(
                    Comparator.comparingLong(StorageElement::capacityAvailableBytes).reversed()));
  }

  private static String base(StorageElement element) {
    String url = element.apiUrl();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String problemCode(String body, int status) {
    try {
      JsonObject json = Json.createReader(new StringReader(body)).readObject();
      return json.getString("code", "HTTP_" + status);
    } catch (RuntimeException e) {
      return "HTTP_" + status;
    }
  }

  private DataSource xaDataSource() {
    try {
      return (DataSource) new InitialContext().lookup(XA_DATASOURCE);
    } catch (NamingException e) {
      throw new Unavailable("The registry's XA datasource " + XA_DATASOURCE + " is not there", e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "admin";
    }
  }
}
