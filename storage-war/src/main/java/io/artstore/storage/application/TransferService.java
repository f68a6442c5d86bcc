package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.FileAttributes.Checksum;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.RetentionPolicy;
import io.artstore.storage.domain.StorageNaming;
import io.artstore.storage.domain.transfer.BranchId;
import io.artstore.storage.domain.transfer.BranchRole;
import io.artstore.storage.domain.transfer.BranchState;
import io.artstore.storage.domain.transfer.TransferBranch;
import io.artstore.storage.domain.transfer.TransferRules;
import io.artstore.storage.infrastructure.ElementStorage;
import io.artstore.storage.infrastructure.attr.AttrJsonCodec;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.transfer.BranchStore;
import io.artstore.storage.infrastructure.wal.WalEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The element as a participant in transfers (SPEC §3.6, §5.4; DECISIONS D40): one branch per
 * transfer and element, driven by the coordinator's XAResource through stage → prepare → commit or
 * rollback, recovered from {@code .transfers/} after a crash.
 *
 * <p>Target: the bytes are streamed (the upload's streaming, hashing and capacity code) into the
 * hidden staging area of the blob store, verified, and held with their capacity reserved. Prepare
 * makes the yes durable; commit writes attr.json first, moves the staged bytes to their key, then
 * id index, cache and ledger, through a WAL {@code CREATE} entry like an upload. Source: prepare
 * locks the file (no update, delete, GC or withdraw until the outcome); commit marks it {@code
 * transferred} through a WAL {@code UPDATE} like any status change.
 *
 * <p>Every state change of a branch is written to its state file before it takes effect, and the
 * decision to commit ({@code committing}) before any file changes: a restart completes a commit
 * that was decided, keeps prepared branches prepared for the coordinator, and drops staging that
 * never got a vote.
 */
@ApplicationScoped
public class TransferService {
  private static final Logger LOG = Logger.getLogger(TransferService.class.getName());
  private static final int STRIPES = 64;

  @Inject ElementService element;
  @Inject ElementSettings settings;
  @Inject FileService files;
  @Inject StorageOperations operations;
  @Inject TransferLocks locks;

  private final Map<BranchId, TransferBranch> branches = new ConcurrentHashMap<>();
  private final Map<BranchId, FileService.Reservation> reservations = new ConcurrentHashMap<>();
  private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
  private volatile BranchStore store;

  public TransferService() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private ElementStorage storage() {
    return element.storage();
  }

  private ReentrantLock lockOf(BranchId branch) {
    return stripes[Math.floorMod(branch.hashCode(), STRIPES)];
  }

  // ------------------------------------------------------------------ start-up and sweeping

  /**
   * Start-up, after the WAL recovery and before the first request: loads every branch, removes what
   * interrupted or abandoned staging left, completes commits that were decided, keeps prepared
   * branches (only the coordinator resolves them).
   */
  synchronized void recover() throws IOException {
    store = new BranchStore(settings.dataDir());
    branches.clear();
    reservations.clear();
    locks.clear();
    Instant now = now();
    int dropped = 0;
    int prepared = 0;
    int completed = 0;
    for (TransferBranch branch : store.loadAll()) {
      switch (branch.state()) {
        case STAGING -> {
          // Its request died with the process: nothing was verified, nothing is kept.
          deleteStaged(branch);
          store.delete(branch.branch());
          dropped++;
          continue;
        }
        case STAGED -> {
          if (TransferRules.abandoned(branch, now, settings.stagingTtl())) {
            branches.put(branch.branch(), branch);
            abandon(branch, now);
            dropped++;
            continue;
          }
          locks.hold(branch.fileId(), branch.branch());
        }
        case PREPARED -> {
          locks.hold(branch.fileId(), branch.branch());
          prepared++;
        }
        case COMMITTING -> locks.hold(branch.fileId(), branch.branch());
        case ROLLED_BACK -> deleteStaged(branch);
        case COMMITTED -> {}
      }
      if (TransferRules.tombstoneExpired(branch, now, settings.transferTombstoneTtl())) {
        store.delete(branch.branch());
        continue;
      }
      branches.put(branch.branch(), branch);
    }
    for (TransferBranch branch : List.copyOf(branches.values())) {
      if (branch.state() == BranchState.COMMITTING) {
        try {
          finishCommit(branch);
          completed++;
        } catch (IOException | RuntimeException e) {
          LOG.log(
              Level.SEVERE,
              "Transfer branch " + branch.branch() + " stays committing; retried periodically",
              e);
        }
      }
    }
    if (dropped + prepared + completed > 0) {
      String report =
          "Transfer branches at start-up: "
              + prepared
              + " prepared (waiting for their coordinator), "
              + completed
              + " decided commits completed, "
              + dropped
              + " unprepared staged copies removed";
      LOG.warning(report);
    }
  }

  /**
   * Capacity of the staged copies still held (after the ledger was counted afresh at start-up):
   * reserved again so that uploads cannot take the room their commit needs.
   */
  synchronized void reserveHeld() {
    for (TransferBranch branch : branches.values()) {
      if (branch.role() == BranchRole.TARGET
          && (branch.state() == BranchState.STAGED
              || branch.state() == BranchState.PREPARED
              || branch.state() == BranchState.COMMITTING)) {
        reservations.put(branch.branch(), files.holdReserved(branch.reservedBytes()));
      }
    }
  }

  /**
   * The periodic sweep: staged copies nobody prepared within {@code ARTSTORE_SE_STAGING_TTL} are
   * removed, commits that failed half-way are retried, old tombstones are forgotten. A branch busy
   * with a request is left for the next sweep.
   */
  public void sweep() {
    if (store == null) {
      return;
    }
    Instant now = now();
    for (TransferBranch snapshot : List.copyOf(branches.values())) {
      ReentrantLock lock = lockOf(snapshot.branch());
      if (!lock.tryLock()) {
        continue;
      }
      try {
        TransferBranch branch = branches.get(snapshot.branch());
        if (branch == null) {
          continue;
        }
        if (TransferRules.abandoned(branch, now, settings.stagingTtl())) {
          abandon(branch, now);
        } else if (branch.state() == BranchState.COMMITTING) {
          finishCommit(branch);
        } else if (TransferRules.tombstoneExpired(branch, now, settings.transferTombstoneTtl())) {
          store.delete(branch.branch());
          branches.remove(branch.branch());
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.WARNING, "Transfer sweep of branch " + snapshot.branch() + " failed", e);
      } finally {
        lock.unlock();
      }
    }
  }

  /** An unprepared staged copy past its TTL: removed, the branch remembered as rolled back. */
  private void abandon(TransferBranch branch, Instant now) throws IOException {
    LOG.warning(
        () ->
            "Staged copy of file "
                + branch.fileId()
                + " for transfer branch "
                + branch.branch()
                + " was never prepared (staged at "
                + branch.updatedAt()
                + "); removed");
    rollBack(branch, now, null, null);
    operations.record("transfer_rollback", "abandoned");
  }

  // ------------------------------------------------------------------ queries

  public Optional<TransferBranch> find(BranchId branch) {
    return Optional.ofNullable(branches.get(branch));
  }

  /** Branches in a state (null: all), oldest first. */
  public List<TransferBranch> list(BranchState state) {
    List<TransferBranch> result = new ArrayList<>();
    for (TransferBranch branch : branches.values()) {
      if (state == null || branch.state() == state) {
        result.add(branch);
      }
    }
    result.sort(
        Comparator.comparing(TransferBranch::createdAt).thenComparing(b -> b.branch().value()));
    return result;
  }

  /** The gauge {@code artstore_se_transfer_branches{state}}. */
  public long count(BranchState state) {
    return branches.values().stream().filter(b -> b.state() == state).count();
  }

  // ------------------------------------------------------------------ stage (target)

  /** The fields of a staging that shape the copy; they precede the bytes. */
  public record StagingRequest(
      UUID fileId, FileAttributes sourceDocument, RetentionPolicy retentionPolicy) {}

  /**
   * Starts staging a copy for {@code branch}: checks the branch, the mode, the file id and the
   * capacity, derives the target's attr.json from the source's document, and opens the write to the
   * staging area. The caller {@link Staging#write}s the bytes and {@link Staging#complete}s or
   * {@link Staging#abort}s; the branch is locked until then (a concurrent prepare or rollback of
   * the same branch waits for the staging to end).
   */
  public Staging startStaging(BranchId branch, StagingRequest request, long declaredLength) {
    ReentrantLock lock = lockOf(branch);
    lock.lock();
    Staging staging = null;
    try {
      staging = new Staging(branch, request, declaredLength, lock);
      return staging;
    } finally {
      if (staging == null && lock.isHeldByCurrentThread()) {
        lock.unlock();
      }
    }
  }

  /** One staging between its start and its end; owned by one request. */
  public final class Staging {
    private final BranchId branch;
    private final UUID fileId;
    private final FileAttributes template;
    private final ReentrantLock lock;
    private final String stagedKey;
    private TransferBranch record;
    private FileService.Reservation reservation;
    private BlobStore.DataWrite write;
    private FileService.Streamed streamed;
    private boolean done;

    private Staging(
        BranchId branch, StagingRequest request, long declaredLength, ReentrantLock lock) {
      this.branch = branch;
      this.fileId = request.fileId();
      this.lock = lock;
      Instant now = now();
      TransferBranch current = branches.get(branch);
      if (!TransferRules.mayRestage(current)) {
        operations.record("transfer_stage", "conflict");
        throw new ApiException(
            ProblemCode.CONFLICT,
            "Transfer branch "
                + branch
                + " is "
                + current.state().wireName()
                + "; it cannot be staged again.");
      }
      if (current != null && !current.fileId().equals(fileId)) {
        operations.record("transfer_stage", "conflict");
        throw new ApiException(
            ProblemCode.CONFLICT,
            "Transfer branch "
                + branch
                + " stages file "
                + current.fileId()
                + ", not "
                + fileId
                + ".");
      }
      RetentionPolicy policy =
          request.retentionPolicy() != null
              ? request.retentionPolicy()
              : request.sourceDocument().retentionPolicy();
      if (request.sourceDocument().retentionPolicy() == RetentionPolicy.PERMANENT
          && policy == RetentionPolicy.TEMPORARY) {
        throw ApiException.validation(
            "retention_policy", "a permanent file cannot become temporary by a transfer");
      }
      TransferRules.Verdict receive = TransferRules.mayReceive(element.state().mode(), policy);
      if (!receive.yes()) {
        operations.record("transfer_stage", "mode_not_allowed");
        throw new ApiException(
            ProblemCode.MODE_NOT_ALLOWED,
            "This element cannot receive the file: " + receive.reason() + ".");
      }
      if (files.readAttr(fileId).isPresent() || files.find(fileId).isPresent()) {
        operations.record("transfer_stage", "conflict");
        throw new ApiException(
            ProblemCode.CONFLICT, "A file with id " + fileId + " is already on this element.");
      }
      FileAttributes source = request.sourceDocument();
      String cleanName = StorageNaming.cleanOriginalFilename(source.originalFilename());
      String uploaderName =
          source.uploadedBy() == null || source.uploadedBy().name() == null
              ? "unknown"
              : source.uploadedBy().name();
      String dataKey =
          StorageNaming.storagePath(now)
              + StorageNaming.storageFilename(cleanName, uploaderName, now, fileId);
      this.template = targetAttributes(source, policy, dataKey, -1, null, now);
      try {
        AttrJsonCodec.encode(template);
      } catch (AttrJsonCodec.TooLargeException e) {
        throw FileService.attrTooLarge(e);
      }
      long maxFile = settings.maxFileSizeBytes();
      if (maxFile > 0 && source.sizeBytes() > maxFile) {
        operations.record("transfer_stage", "too_large");
        throw new ApiException(
            ProblemCode.FILE_TOO_LARGE, "Files may be at most " + maxFile + " bytes.");
      }
      if (!locks.hold(fileId, branch)) {
        operations.record("transfer_stage", "conflict");
        throw new ApiException(
            ProblemCode.CONFLICT,
            "File "
                + fileId
                + " is part of transfer branch "
                + locks.holder(fileId).map(Object::toString).orElse("?")
                + ".");
      }
      this.stagedKey = BlobStore.STAGING_DIR + "/" + branch.value() + "/" + fileId;
      TransferBranch started = null;
      try {
        if (current != null) {
          // Re-staging replaces: the previous copy and its capacity go first.
          deleteStaged(current);
          releaseReservation(branch);
        }
        reservation = files.reserve(Math.max(declaredLength, source.sizeBytes()), "transfer_stage");
        started = TransferBranch.staging(branch, fileId, stagedKey, dataKey, now);
        store.save(started);
        branches.put(branch, started);
        write = storage().blobs().createData(stagedKey);
      } catch (IOException e) {
        abort();
        throw FileService.storageFailure(e);
      } catch (RuntimeException e) {
        abort();
        throw e;
      } finally {
        this.record = started;
      }
    }

    /** Streams the bytes into the staging area (hashing, capacity, size limit as for uploads). */
    public void write(InputStream in) {
      try {
        streamed = files.streamData(in, write, Compression.NONE, reservation, "transfer_stage");
        write.finish();
      } catch (IOException e) {
        abort();
        throw FileService.storageFailure(e);
      } catch (RuntimeException e) {
        abort();
        throw e;
      }
    }

    /**
     * Verifies the bytes against {@code expectedSha256} (400 CHECKSUM_MISMATCH, nothing kept),
     * publishes the staged copy and records the branch as staged. The copy stays invisible.
     */
    public TransferBranch complete(String expectedSha256) {
      if (streamed == null) {
        throw new IllegalStateException("complete() before write()");
      }
      try {
        if (!streamed.sha256().equals(expectedSha256)
            || !streamed.sha256().equals(template.checksum().value())) {
          operations.record("transfer_stage", "checksum_mismatch");
          throw new ApiException(
              ProblemCode.CHECKSUM_MISMATCH,
              "The bytes received have SHA-256 "
                  + streamed.sha256()
                  + ", the transfer expects "
                  + expectedSha256
                  + "; nothing was staged.");
        }
        write.publish();
        FileAttributes attrs =
            targetAttributes(
                template,
                template.retentionPolicy(),
                template.dataKey(),
                streamed.size(),
                streamed.sha256(),
                template.updatedAt());
        String document = new String(AttrJsonCodec.encode(attrs), StandardCharsets.UTF_8);
        TransferBranch staged =
            record.staged(
                streamed.size(), streamed.sha256(), document, reservation.reserved(), now());
        store.save(staged);
        branches.put(branch, staged);
        reservations.put(branch, reservation);
        done = true;
        operations.record("transfer_stage", "ok");
        return staged;
      } catch (IOException e) {
        abort();
        throw FileService.storageFailure(e);
      } catch (RuntimeException e) {
        abort();
        throw e;
      } finally {
        unlock();
      }
    }

    /** Undoes the staging: nothing of it (or of an earlier staging of the branch) is kept. */
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      try {
        if (write != null) {
          write.abort();
        }
        if (stagedKey != null) {
          storage().blobs().delete(stagedKey);
        }
        store.delete(branch);
        branches.remove(branch);
        if (reservation != null) {
          reservation.release();
        }
        locks.release(fileId, branch);
      } catch (IOException | RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Staging of branch " + branch + " not fully undone; the next start-up removes the rest",
            e);
      } finally {
        unlock();
      }
    }

    private void unlock() {
      if (lock.isHeldByCurrentThread()) {
        lock.unlock();
      }
    }
  }

  /**
   * The target's attr.json: the source's document (name, type, description, tags, metadata,
   * uploader, creation time, checksum) under this element's key and id, with the retention the
   * transfer asks for, {@code version} one above the source's (the newest version wins in the
   * registry), stored as sent (no compression).
   */
  private FileAttributes targetAttributes(
      FileAttributes source,
      RetentionPolicy policy,
      String dataKey,
      long size,
      String sha256,
      Instant now) {
    Integer ttl = null;
    Instant expiresAt = null;
    if (policy == RetentionPolicy.TEMPORARY) {
      ttl = source.ttlDays() == null ? settings.retentionDays() : source.ttlDays();
      Instant created = source.createdAt() == null ? now : source.createdAt();
      expiresAt =
          source.expiresAt() != null
              ? source.expiresAt()
              : created.plus(settings.ttlDay().multipliedBy(ttl));
    }
    String filename = dataKey.substring(dataKey.lastIndexOf('/') + 1);
    boolean fromSource = sha256 == null;
    return new FileAttributes(
        FileAttributes.SCHEMA_VERSION,
        source.fileId(),
        source.originalFilename(),
        filename,
        dataKey.substring(0, dataKey.length() - filename.length()),
        fromSource ? source.sizeBytes() : size,
        source.contentType(),
        fromSource ? source.checksum() : Checksum.sha256(sha256),
        source.createdAt() == null ? now : source.createdAt(),
        now,
        source.uploadedBy(),
        source.description(),
        source.tags(),
        source.metadata(),
        policy,
        ttl,
        expiresAt,
        FileStatus.ACTIVE,
        element.state().elementId(),
        fromSource ? source.version() + 1 : source.version(),
        null);
  }

  // ------------------------------------------------------------------ prepare

  /**
   * Makes the branch's intent durable and votes. Yes: the branch is {@code prepared} (its state
   * file written and fsynced) and stays so, across restarts, until the coordinator commits or rolls
   * it back. No: 409 with the reason, and the branch is rolled back at once.
   */
  public TransferBranch prepare(
      BranchId branch, BranchRole role, UUID fileId, Long expectedVersion) {
    ReentrantLock lock = lockOf(branch);
    lock.lock();
    try {
      TransferBranch current = branches.get(branch);
      if (current != null && (current.role() != role || !current.fileId().equals(fileId))) {
        operations.record("transfer_prepare", "conflict");
        throw new ApiException(
            ProblemCode.CONFLICT,
            "Transfer branch "
                + branch
                + " is the "
                + current.role().wireName()
                + " of file "
                + current.fileId()
                + " here.");
      }
      Instant now = now();
      switch (TransferRules.onPrepare(role, current)) {
        case ALREADY_PREPARED -> {
          return current;
        }
        case REFUSED -> {
          operations.record("transfer_prepare", "no");
          throw new ApiException(
              ProblemCode.valueOf(current.refusalCode()), current.refusalDetail());
        }
        case RESOLVED -> {
          operations.record("transfer_prepare", "conflict");
          throw new ApiException(
              ProblemCode.CONFLICT,
              "Transfer branch " + branch + " is already " + current.state().wireName() + ".");
        }
        case NOT_STAGED -> {
          operations.record("transfer_prepare", "no");
          String detail =
              "Transfer branch " + branch + " has no staged copy of file " + fileId + " here.";
          if (current != null) {
            rollBack(current, now, ProblemCode.CONFLICT.name(), detail);
          }
          throw new ApiException(ProblemCode.CONFLICT, detail);
        }
        case VOTE -> {
          return role == BranchRole.TARGET
              ? voteAsTarget(current, now)
              : voteAsSource(branch, fileId, expectedVersion, now);
        }
        default -> throw new IllegalStateException();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  private TransferBranch voteAsTarget(TransferBranch current, Instant now) throws IOException {
    FileAttributes attrs = documentOf(current);
    Optional<BlobStore.BlobStat> staged = storage().blobs().stat(current.stagedKey());
    boolean whole = staged.isPresent() && staged.get().size() == current.sizeBytes();
    boolean fileHere = files.readAttr(current.fileId()).isPresent();
    TransferRules.Verdict verdict =
        TransferRules.targetVote(element.state().mode(), attrs.retentionPolicy(), whole, fileHere);
    if (!verdict.yes()) {
      ProblemCode code = code(verdict);
      String detail =
          "Transfer branch " + current.branch() + " votes no: " + verdict.reason() + ".";
      rollBack(current, now, code.name(), detail);
      operations.record("transfer_prepare", "no");
      throw new ApiException(code, detail);
    }
    TransferBranch prepared = current.prepared(now);
    store.save(prepared);
    branches.put(prepared.branch(), prepared);
    operations.record("transfer_prepare", "yes");
    return prepared;
  }

  private TransferBranch voteAsSource(
      BranchId branch, UUID fileId, Long expectedVersion, Instant now) throws IOException {
    Optional<FileAttributes> file = files.readAttr(fileId);
    boolean held = locks.holder(fileId).filter(h -> !h.equals(branch)).isPresent();
    TransferRules.Verdict verdict =
        TransferRules.sourceVote(
            file.map(FileAttributes::status).orElse(null),
            held,
            expectedVersion,
            file.map(FileAttributes::version).orElse(0L));
    if (verdict.yes() && !locks.hold(fileId, branch)) {
      verdict =
          new TransferRules.Verdict(
              TransferRules.Vote.CONFLICT, "another transfer branch holds the file");
    }
    if (!verdict.yes()) {
      ProblemCode code = code(verdict);
      String detail = "Transfer branch " + branch + " votes no: " + verdict.reason() + ".";
      TransferBranch refused =
          TransferBranch.refusedSource(branch, fileId, code.name(), detail, now);
      store.save(refused);
      branches.put(branch, refused);
      operations.record("transfer_prepare", "no");
      throw new ApiException(code, detail);
    }
    FileAttributes f = file.get();
    TransferBranch prepared =
        TransferBranch.preparedSource(
            branch, fileId, f.dataKey(), f.sizeBytes(), f.checksum().value(), now);
    try {
      store.save(prepared);
    } catch (IOException | RuntimeException e) {
      locks.release(fileId, branch);
      throw e;
    }
    branches.put(branch, prepared);
    operations.record("transfer_prepare", "yes");
    return prepared;
  }

  private static ProblemCode code(TransferRules.Verdict verdict) {
    return verdict.vote() == TransferRules.Vote.MODE_NOT_ALLOWED
        ? ProblemCode.MODE_NOT_ALLOWED
        : ProblemCode.CONFLICT;
  }

  // ------------------------------------------------------------------ commit

  /**
   * Commits a prepared branch (or finishes a commit that was interrupted); 200 again for a branch
   * committed before (while its tombstone lasts); 409 for a branch never prepared or rolled back.
   */
  public TransferBranch commit(BranchId branch) {
    ReentrantLock lock = lockOf(branch);
    lock.lock();
    try {
      TransferBranch current = branches.get(branch);
      switch (TransferRules.onCommit(current)) {
        case ALREADY_COMMITTED -> {
          operations.record("transfer_commit", "repeated");
          return current;
        }
        case NOT_PREPARED -> {
          operations.record("transfer_commit", "not_prepared");
          throw new ApiException(
              ProblemCode.CONFLICT,
              "Transfer branch "
                  + branch
                  + (current == null ? " is unknown here" : " is " + current.state().wireName())
                  + "; only a prepared branch can be committed.");
        }
        case ROLLED_BACK -> {
          operations.record("transfer_commit", "rolled_back");
          throw new ApiException(
              ProblemCode.CONFLICT, "Transfer branch " + branch + " was rolled back.");
        }
        case PERFORM -> {
          TransferBranch committing = current.committing(now());
          if (committing != current) {
            store.save(committing); // the decision, durable before anything changes
            branches.put(branch, committing);
          }
          return finishCommit(committing);
        }
        default -> throw new IllegalStateException();
      }
    } catch (IOException e) {
      operations.record("transfer_commit", "error");
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /** Does (or finishes) a decided commit; each step is idempotent. */
  private TransferBranch finishCommit(TransferBranch committing) throws IOException {
    if (committing.role() == BranchRole.TARGET) {
      activateStaged(committing);
    } else {
      files.markTransferred(committing.fileId());
    }
    TransferBranch committed = committing.committed(now());
    store.save(committed);
    branches.put(committed.branch(), committed);
    locks.release(committed.fileId(), committed.branch());
    operations.record("transfer_commit", "ok");
    LOG.info(
        () ->
            "Transfer branch "
                + committed.branch()
                + " committed: file "
                + committed.fileId()
                + (committed.role() == BranchRole.TARGET
                    ? " is active here"
                    : " moved away; its copy here is removable after the margin"));
    return committed;
  }

  /**
   * The target's commit, in the upload's order: WAL entry, attr.json, the staged bytes moved to the
   * file's key (the data's "publish"), id index, capacity, cache, WAL entry committed. A commit
   * interrupted anywhere is completed by calling it again (the staged bytes stay until moved, the
   * move is idempotent); the start-up WAL recovery may meanwhile have undone a half-written create,
   * which the repeated commit simply redoes.
   */
  private void activateStaged(TransferBranch branch) throws IOException {
    byte[] document = branch.document().getBytes(StandardCharsets.UTF_8);
    FileAttributes attrs = documentOf(branch);
    UUID txId = UUID.randomUUID();
    storage()
        .wal()
        .begin(
            new WalEntry(
                txId,
                WalEntry.Operation.CREATE,
                branch.fileId(),
                branch.dataKey(),
                attrs.version(),
                now(),
                "transfer " + branch.branch()));
    try {
      storage().blobs().putSmall(attrs.attrKey(), document);
      storage().blobs().move(branch.stagedKey(), branch.dataKey());
      storage().ids().put(branch.fileId(), branch.dataKey());
    } catch (IOException | RuntimeException e) {
      // The branch stays committing: the next commit call, the sweep or the next start finishes it.
      storage().wal().rollback(txId);
      throw e;
    }
    FileService.Reservation reservation = reservations.remove(branch.branch());
    element.ledger().stored(reservation == null ? 0 : reservation.take(), attrs.storedSizeBytes());
    files.applyToCache(txId, attrs);
  }

  // ------------------------------------------------------------------ rollback

  /** Rolls the branch back; 200 again for an unknown or rolled-back branch, 409 once committed. */
  public TransferBranch rollback(BranchId branch) {
    ReentrantLock lock = lockOf(branch);
    lock.lock();
    try {
      TransferBranch current = branches.get(branch);
      switch (TransferRules.onRollback(current)) {
        case ALREADY_ROLLED_BACK -> {
          operations.record("transfer_rollback", "repeated");
          return current;
        }
        case COMMITTED -> {
          operations.record("transfer_rollback", "committed");
          throw new ApiException(
              ProblemCode.CONFLICT,
              "Transfer branch "
                  + branch
                  + " is "
                  + current.state().wireName()
                  + "; it cannot be rolled back.");
        }
        case PERFORM -> {
          TransferBranch rolledBack = rollBack(current, now(), null, null);
          operations.record("transfer_rollback", "ok");
          return rolledBack;
        }
        default -> throw new IllegalStateException();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The decision first (tombstone written), then the undo: a target's staged copy and capacity go,
   * a source's file is released (it never stopped being active).
   */
  private TransferBranch rollBack(TransferBranch current, Instant now, String code, String detail)
      throws IOException {
    TransferBranch rolledBack = current.rolledBack(now, code, detail);
    store.save(rolledBack);
    branches.put(rolledBack.branch(), rolledBack);
    deleteStaged(rolledBack);
    releaseReservation(rolledBack.branch());
    locks.release(rolledBack.fileId(), rolledBack.branch());
    return rolledBack;
  }

  // ------------------------------------------------------------------ helpers

  private void deleteStaged(TransferBranch branch) throws IOException {
    if (branch.role() == BranchRole.TARGET && branch.stagedKey() != null) {
      storage().blobs().delete(branch.stagedKey());
    }
  }

  private void releaseReservation(BranchId branch) {
    FileService.Reservation reservation = reservations.remove(branch);
    if (reservation != null) {
      reservation.release();
    }
  }

  private FileAttributes documentOf(TransferBranch branch) {
    return AttrJsonCodec.decode(
        branch.document().getBytes(StandardCharsets.UTF_8), element.state().elementId());
  }
}
