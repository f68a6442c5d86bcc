package io.artstore.storage.application;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.storage.domain.Compression;
import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.domain.FileAttributes;
import io.artstore.storage.domain.FileAttributes.Checksum;
import io.artstore.storage.domain.FileAttributes.Uploader;
import io.artstore.storage.domain.FileStatus;
import io.artstore.storage.domain.Operation;
import io.artstore.storage.domain.RetentionPolicy;
import io.artstore.storage.domain.RetentionRules;
import io.artstore.storage.domain.StorageNaming;
import io.artstore.storage.domain.transfer.TransferRules;
import io.artstore.storage.infrastructure.ElementStorage;
import io.artstore.storage.infrastructure.attr.AttrJsonCodec;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.cache.MetadataCacheRepository;
import io.artstore.storage.infrastructure.compress.Codecs;
import io.artstore.storage.infrastructure.wal.WalEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The element's files: the write protocol of SPEC §3.2 for every mutation, and reads that prefer
 * the metadata cache and fall back to attr.json.
 *
 * <p>Order of a create: WAL entry (durable) → data streamed to a temporary object with SHA-256 and
 * fsync → attr.json (atomic, durable) → data published (atomic rename) → id index → metadata cache
 * → WAL entry removed (committed). A failure before the publish undoes everything; a cache failure
 * after it leaves the WAL entry {@code published} for the background replay, so a write succeeds
 * while PostgreSQL is down and the cache catches up (docs/DECISIONS.md).
 */
@ApplicationScoped
public class FileService {
  private static final Logger LOG = Logger.getLogger(FileService.class.getName());
  private static final int BUFFER = 64 * 1024;
  private static final long RESERVE_STEP = 8L * 1024 * 1024;
  private static final int LOCK_STRIPES = 256;

  @Inject ElementService element;
  @Inject ElementSettings settings;
  @Inject MetadataCacheRepository cache;
  @Inject StorageOperations operations;
  @Inject TransferLocks transferLocks;

  private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

  public FileService() {
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  private ElementStorage storage() {
    return element.storage();
  }

  private CapacityLedger ledger() {
    return element.ledger();
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  // ---------------------------------------------------------------- create

  /**
   * Starts an upload: checks the mode and the capacity and reserves room for {@code declaredLength}
   * bytes ({@code < 0}: unknown). The caller then {@link PendingUpload#write}s the bytes and {@link
   * PendingUpload#complete}s or {@link PendingUpload#abort}s it.
   */
  public PendingUpload startUpload(
      UploadForm form,
      String originalFilename,
      String contentType,
      long declaredLength,
      Requester requester) {
    requireMode(Operation.UPLOAD);
    if (form.uploadedById() != null && !requester.adminServiceAccount()) {
      throw new ApiException(
          ProblemCode.FORBIDDEN, "Only ADMIN service accounts may set uploaded_by.");
    }
    if (form.fileId() != null && !requester.adminServiceAccount()) {
      throw new ApiException(
          ProblemCode.FORBIDDEN, "Only ADMIN service accounts may choose the file_id.");
    }
    UUID fileId = form.fileId() == null ? UUID.randomUUID() : form.fileId();
    if (form.fileId() != null) {
      refuseExisting(fileId);
      transferLocks.refuseIfHeld(fileId);
    }
    long maxFile = settings.maxFileSizeBytes();
    if (declaredLength > 0 && maxFile > 0 && declaredLength > maxFile + MULTIPART_SLACK) {
      throw new ApiException(
          ProblemCode.FILE_TOO_LARGE,
          "The request declares " + declaredLength + " bytes; files may be at most " + maxFile);
    }
    long reservation = declaredLength > 0 ? declaredLength : 0;
    if (!ledger().tryReserve(reservation)) {
      operations.record("upload", "storage_full");
      throw storageFull();
    }
    Instant now = now();
    Uploader uploader =
        form.uploadedById() != null
            ? new Uploader(
                form.uploadedById(),
                form.uploadedByName() == null ? form.uploadedById() : form.uploadedByName())
            : new Uploader(requester.subject(), requester.name());
    String cleanName = StorageNaming.cleanOriginalFilename(originalFilename);
    String dataKey =
        StorageNaming.storagePath(now)
            + StorageNaming.storageFilename(cleanName, uploader.name(), now, fileId);
    return new PendingUpload(
        fileId,
        cleanName,
        contentType,
        dataKey,
        now,
        uploader,
        reservation,
        form.compressionOrNone());
  }

  /**
   * Reads the client's bytes. A failure here is the client's (a body shorter than announced, a
   * connection dropped, a malformed multipart stream), never the element's: 400, not 500.
   */
  private static int readRequest(InputStream in, byte[] buffer) {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw new RequestBodyException(e);
    }
  }

  /** The request body could not be read to its end; carries the cause for the API layer. */
  public static final class RequestBodyException extends RuntimeException {
    public RequestBodyException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** A storage I/O failure: a full file system is 507, anything else stays an internal error. */
  static RuntimeException storageFailure(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
      return new ApiException(
          ProblemCode.STORAGE_FULL, "The element's storage ran out of space while writing.");
    }
    return new UncheckedIOException(e);
  }

  /** A multipart request carries a few hundred bytes of fields and boundaries beside the file. */
  private static final long MULTIPART_SLACK = 1024L * 1024;

  private void refuseExisting(UUID fileId) {
    Optional<FileAttributes> existing = find(fileId).or(() -> readAttr(fileId));
    if (existing.isPresent()) {
      FileAttributes file = existing.get();
      boolean locked =
          file.retentionPolicy() == RetentionPolicy.PERMANENT || !file.isExpiredAt(now());
      throw new ApiException(
          locked ? ProblemCode.RETENTION_LOCKED : ProblemCode.CONFLICT,
          "A file with id " + fileId + " already exists on this element; it is never overwritten.");
    }
  }

  /** SPEC §3.1: metadata that would make attr.json larger than 4 KiB is a validation error. */
  static ApiException attrTooLarge(AttrJsonCodec.TooLargeException e) {
    return ApiException.validation(
        "metadata",
        "the file's attributes would take "
            + e.size()
            + " bytes; attr.json is limited to "
            + AttrJsonCodec.MAX_BYTES);
  }

  private static ApiException storageFull() {
    return new ApiException(
        ProblemCode.STORAGE_FULL, "The element does not have room for this file.");
  }

  /** One upload between its start and its end; not thread-safe (one request owns it). */
  public final class PendingUpload {
    private final UUID fileId;
    private final String originalFilename;
    private final String contentType;
    private final String dataKey;
    private final Instant createdAt;
    private final Uploader uploader;
    private final Compression compression;
    private final UUID txId = UUID.randomUUID();
    private final Reservation reservation;
    private BlobStore.DataWrite write;
    private boolean walOpen;
    private boolean attrWritten;
    private long size = -1;
    private String sha256;
    private long storedSize = -1;
    private String storedSha256;
    private boolean done;

    private PendingUpload(
        UUID fileId,
        String originalFilename,
        String contentType,
        String dataKey,
        Instant createdAt,
        Uploader uploader,
        long reserved,
        Compression compression) {
      this.compression = compression;
      this.fileId = fileId;
      this.originalFilename = originalFilename;
      this.contentType = contentType;
      this.dataKey = dataKey;
      this.createdAt = createdAt;
      this.uploader = uploader;
      this.reservation = new Reservation(reserved);
    }

    public UUID fileId() {
      return fileId;
    }

    /**
     * Streams the bytes to a temporary object, hashing them on the way, and makes them durable.
     * Stops with 413 or 507 as soon as a limit is crossed; the temporary object is removed then.
     *
     * <p>With compression the bytes go through a streaming compressor: size and SHA-256 are taken
     * of the original bytes (what the client sent and gets back), the stored bytes are counted and
     * hashed separately (capacity, fixity). The size limit applies to the original bytes.
     */
    public void write(InputStream in) {
      try {
        storage()
            .wal()
            .begin(new WalEntry(txId, WalEntry.Operation.CREATE, fileId, dataKey, 1, now(), null));
        walOpen = true;
        write = storage().blobs().createData(dataKey);
        Streamed streamed = streamData(in, write, compression, reservation, "upload");
        write.finish();
        size = streamed.size();
        sha256 = streamed.sha256();
        storedSize = streamed.storedSize();
        storedSha256 = streamed.storedSha256();
      } catch (IOException e) {
        abort();
        throw storageFailure(e);
      } catch (RuntimeException e) {
        abort();
        throw e;
      }
    }

    /**
     * Writes attr.json, publishes the data, updates the cache; the file exists when this returns. A
     * {@code checksum} field that does not match the received bytes is 400 CHECKSUM_MISMATCH and
     * undoes everything (the field may have come after the file part, so this is the first moment
     * both are known).
     */
    public FileAttributes complete(UploadForm form) {
      if (size < 0) {
        throw new IllegalStateException("complete() before write()");
      }
      try {
        if (form.checksum() != null && !form.checksum().equals(sha256)) {
          operations.record("upload", "checksum_mismatch");
          throw new ApiException(
              ProblemCode.CHECKSUM_MISMATCH,
              "The bytes received have SHA-256 "
                  + sha256
                  + ", the checksum field says "
                  + form.checksum()
                  + "; nothing was stored.");
        }
        FileAttributes attrs = attributes(form);
        byte[] json = AttrJsonCodec.encode(attrs);
        storage().blobs().putSmall(attrs.attrKey(), json);
        attrWritten = true;
        write.publish();
        done = true;
        ledger().stored(reservation.take(), storedSize);
        storage().ids().put(fileId, dataKey);
        operations.stored(storedSize);
        applyToCache(txId, attrs);
        return attrs;
      } catch (AttrJsonCodec.TooLargeException e) {
        abort();
        throw attrTooLarge(e);
      } catch (IOException e) {
        abort();
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        abort();
        throw e;
      }
    }

    /**
     * Validates the fields known so far, including the size attr.json would have, before any byte
     * is written (SPEC §3.1).
     */
    public void checkFields(UploadForm form) {
      try {
        AttrJsonCodec.encode(attributes(form));
      } catch (AttrJsonCodec.TooLargeException e) {
        throw attrTooLarge(e);
      }
    }

    /** The attr.json this upload would write with these fields (validates them). */
    public FileAttributes attributes(UploadForm form) {
      ElementMode mode = element.state().mode();
      RetentionPolicy policy =
          form.retentionPolicy() != null
              ? form.retentionPolicy()
              : mode == ElementMode.EDIT ? RetentionPolicy.TEMPORARY : RetentionPolicy.PERMANENT;
      if (mode == ElementMode.EDIT && policy != RetentionPolicy.TEMPORARY) {
        throw ApiException.validation(
            "retention_policy", "an edit element stores temporary files only");
      }
      if (mode != ElementMode.EDIT && policy != RetentionPolicy.PERMANENT) {
        throw ApiException.validation(
            "retention_policy", "a " + mode.wireName() + " element stores permanent files only");
      }
      Integer ttl = null;
      Instant expiresAt = null;
      if (policy == RetentionPolicy.TEMPORARY) {
        ttl = form.ttlDays() == null ? settings.retentionDays() : form.ttlDays();
        expiresAt = createdAt.plus(settings.ttlDay().multipliedBy(ttl));
      } else if (form.ttlDays() != null) {
        throw ApiException.validation("ttl_days", "only temporary files have a ttl");
      }
      String filename = dataKey.substring(dataKey.lastIndexOf('/') + 1);
      return new FileAttributes(
          FileAttributes.SCHEMA_VERSION,
          fileId,
          originalFilename,
          filename,
          dataKey.substring(0, dataKey.length() - filename.length()),
          Math.max(size, 0),
          contentType == null ? "application/octet-stream" : contentType,
          Checksum.sha256(sha256 == null ? "0".repeat(64) : sha256),
          createdAt,
          createdAt,
          uploader,
          form.description(),
          form.tags(),
          form.metadata(),
          policy,
          ttl,
          expiresAt,
          FileStatus.ACTIVE,
          element.state().elementId(),
          1,
          compression == Compression.NONE
              ? null
              : new FileAttributes.StoredEncoding(
                  compression,
                  Math.max(storedSize, 0),
                  Checksum.sha256(storedSha256 == null ? "0".repeat(64) : storedSha256)));
    }

    /** Undoes whatever was done; idempotent, never throws. */
    public void abort() {
      if (done) {
        return;
      }
      done = true;
      if (write != null) {
        write.abort();
      }
      if (attrWritten) {
        try {
          storage().blobs().delete(FileAttributes.attrKeyOf(dataKey));
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "attr.json of aborted upload " + fileId + " left for recovery", e);
          return; // WAL entry stays pending: start-up recovery removes the leftovers.
        }
      }
      reservation.release();
      if (walOpen) {
        storage().wal().rollback(txId);
      }
    }
  }

  // ---------------------------------------------------------------- streaming (uploads, staging)

  /** What {@link #streamData} wrote: size and SHA-256 of the original and of the stored bytes. */
  public record Streamed(long size, String sha256, long storedSize, String storedSha256) {}

  /**
   * Capacity held for one write in progress: taken up front (the declared length) and step by step
   * while the bytes stream, then turned into a stored file ({@link #take}) or given back.
   */
  public final class Reservation {
    private long reserved;

    Reservation(long alreadyReserved) {
      this.reserved = alreadyReserved;
    }

    /** Takes room in the capacity ledger, step by step, until {@code bytes} are covered. */
    void upTo(long bytes, String op) {
      while (bytes > reserved) {
        // Whole steps while there is room; near the limit exactly what is missing, so that a
        // small file still fits into the last few megabytes.
        long step = ledger().tryReserve(RESERVE_STEP) ? RESERVE_STEP : bytes - reserved;
        if (step != RESERVE_STEP && !ledger().tryReserve(step)) {
          operations.record(op, "storage_full");
          throw storageFull();
        }
        reserved += step;
      }
    }

    public long reserved() {
      return reserved;
    }

    /** Hands the reservation over (to the ledger's stored file); nothing is held afterwards. */
    public long take() {
      long held = reserved;
      reserved = 0;
      return held;
    }

    /** Gives the room back. Idempotent. */
    public void release() {
      ledger().release(reserved);
      reserved = 0;
    }
  }

  /**
   * Reserves {@code declaredLength} bytes ({@code <= 0}: nothing up front) for a write; 507
   * STORAGE_FULL when they do not fit.
   */
  public Reservation reserve(long declaredLength, String op) {
    long bytes = Math.max(declaredLength, 0);
    if (!ledger().tryReserve(bytes)) {
      operations.record(op, "storage_full");
      throw storageFull();
    }
    return new Reservation(bytes);
  }

  /** Capacity that was held before a restart (a staged copy): reserved again, fits or not. */
  public Reservation holdReserved(long bytes) {
    ledger().forceReserve(bytes);
    return new Reservation(Math.max(bytes, 0));
  }

  /**
   * Streams the client's bytes into {@code write}, hashing them on the way, reserving capacity as
   * they come, compressing when asked; stops with 413 or 507 as soon as a limit is crossed (the
   * caller aborts the write then). The write is neither finished nor published here. Shared by
   * uploads and transfer staging: one path for bytes entering the element.
   */
  public Streamed streamData(
      InputStream in,
      BlobStore.DataWrite write,
      Compression compression,
      Reservation reservation,
      String op)
      throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    long maxFile = settings.maxFileSizeBytes();
    boolean compressed = compression != Compression.NONE;
    StoredBytes stored = compressed ? new StoredBytes(write.stream()) : null;
    OutputStream out = compressed ? Codecs.compressor(compression, stored) : write.stream();
    int n;
    while ((n = readRequest(in, buffer)) >= 0) {
      total += n;
      if (maxFile > 0 && total > maxFile) {
        operations.record(op, "too_large");
        throw new ApiException(
            ProblemCode.FILE_TOO_LARGE, "Files may be at most " + maxFile + " bytes.");
      }
      reservation.upTo(compressed ? stored.count : total, op);
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    String sha = HexFormat.of().formatHex(digest.digest());
    if (compressed) {
      out.close(); // writes the end of the compressed data; the blob write stays open
      reservation.upTo(stored.count, op);
      return new Streamed(
          total, sha, stored.count, HexFormat.of().formatHex(stored.digest.digest()));
    }
    return new Streamed(total, sha, total, sha);
  }

  // ---------------------------------------------------------------- reads

  /**
   * The file's attributes: the cache, else attr.json via the id index. A copy that moved to another
   * element ({@code transferred}) is not a file here any more.
   */
  public Optional<FileAttributes> find(UUID fileId) {
    return findAny(fileId).filter(f -> f.status() != FileStatus.TRANSFERRED);
  }

  private Optional<FileAttributes> findAny(UUID fileId) {
    if (System.nanoTime() - cacheFailedAt > CACHE_RETRY_NANOS) {
      try {
        Optional<FileAttributes> cached = cache.find(fileId);
        if (cached.isPresent()) {
          return cached;
        }
      } catch (SQLException | RuntimeException e) {
        // A database that hangs instead of refusing would cost every read its timeout: skip the
        // cache for a few seconds after a failure and read attr.json directly meanwhile.
        cacheFailedAt = System.nanoTime();
        LOG.log(Level.FINE, "Metadata cache unavailable; reading attr.json of " + fileId, e);
      }
    }
    return readAttr(fileId);
  }

  private static final long CACHE_RETRY_NANOS = 5_000_000_000L;
  private volatile long cacheFailedAt = System.nanoTime() - 2 * CACHE_RETRY_NANOS;

  /** attr.json itself (the truth), found through the id index. */
  public Optional<FileAttributes> readAttr(UUID fileId) {
    try {
      Optional<String> key = storage().ids().get(fileId);
      if (key.isEmpty()) {
        return Optional.empty();
      }
      Optional<byte[]> json =
          storage()
              .blobs()
              .readSmall(FileAttributes.attrKeyOf(key.get()), AttrJsonCodec.MAX_BYTES * 4);
      return json.map(bytes -> AttrJsonCodec.decode(bytes, element.state().elementId()))
          .filter(a -> a.fileId().equals(fileId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FileAttributes require(UUID fileId) {
    return find(fileId)
        .orElseThrow(() -> new ApiException(ProblemCode.NOT_FOUND, "No file " + fileId + " here."));
  }

  /** A page of the cache; listing needs PostgreSQL (503 while it is down). */
  public Listing list(FileStatus status, int limit, long offset) {
    requireMode(Operation.READ);
    try {
      return new Listing(cache.list(status, limit, offset), cache.count(status));
    } catch (SQLException e) {
      throw new ApiException(
          ProblemCode.SERVICE_UNAVAILABLE,
          "Listing needs the metadata cache, which is unavailable; single files can still be"
              + " read by id.");
    }
  }

  public record Listing(List<FileAttributes> items, long total) {}

  /**
   * The file's original bytes from {@code offset}, {@code length} of them ({@code < 0}: to the
   * end). A compressed file is decompressed on the fly; a range into it decompresses and drops the
   * bytes before {@code offset} (a compressed stream cannot seek).
   */
  public InputStream openContent(FileAttributes file, long offset, long length) {
    try {
      if (file.compression() == Compression.NONE) {
        return openStored(file, offset, length);
      }
      InputStream stored = storage().blobs().open(file.dataKey(), 0, -1);
      InputStream original =
          Codecs.decompressedRange(
              file.compression(),
              new CountingInputStream(stored, operations::read),
              offset,
              length);
      return original;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The data file's bytes as stored (compressed when the file is), from {@code offset}, {@code
   * length} of them: what a client that accepts the file's content coding is sent.
   */
  public InputStream openStored(FileAttributes file, long offset, long length) {
    try {
      InputStream in = storage().blobs().open(file.dataKey(), offset, length);
      return new CountingInputStream(in, operations::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file that may be downloaded now: mode allows it, not deleted. */
  public FileAttributes requireDownloadable(UUID fileId) {
    requireMode(Operation.READ);
    FileAttributes file = require(fileId);
    if (file.status() == FileStatus.DELETED) {
      throw new ApiException(ProblemCode.NOT_FOUND, "File " + fileId + " was deleted.");
    }
    if (!element.state().mode().allows(Operation.DOWNLOAD)) {
      throw new ApiException(
          ProblemCode.MODE_NOT_ALLOWED,
          "The element is in mode "
              + element.state().mode().wireName()
              + ": content is on cold storage and must be restored first.");
    }
    return file;
  }

  // ---------------------------------------------------------------- updates

  /**
   * PATCH: new description, tags and metadata (null = unchanged), guarded by {@code If-Match}
   * against the attr.json version.
   */
  public FileAttributes updateMetadata(
      UUID fileId,
      Optional<String> description,
      Optional<List<String>> tags,
      Optional<Map<String, String>> metadata,
      String ifMatch,
      Requester requester) {
    requireMode(Operation.UPDATE_METADATA);
    return withLock(
        fileId,
        () -> {
          FileAttributes current = requireAttr(fileId);
          transferLocks.refuseIfHeld(fileId);
          if (!requester.mayActOnAnyFile() && !requester.owns(current)) {
            throw new ApiException(
                ProblemCode.FORBIDDEN, "Only the file's owner or an ADMIN may change it.");
          }
          if (!io.artstore.storage.domain.Conditionals.ifMatchSatisfied(
              ifMatch, current.metadataEtag())) {
            throw new ApiException(
                ProblemCode.PRECONDITION_FAILED,
                "The file is at " + current.metadataEtag() + ", not " + ifMatch + ".");
          }
          if (current.status() != FileStatus.ACTIVE) {
            throw new ApiException(
                ProblemCode.CONFLICT, "File " + fileId + " is " + current.status().wireName());
          }
          String newDescription = current.description();
          if (description.isPresent()) {
            newDescription = description.get().isEmpty() ? null : description.get();
          }
          FileAttributes next =
              current.withUserMetadata(
                  newDescription,
                  tags.orElse(current.tags()),
                  metadata.orElse(current.metadata()),
                  now());
          return rewriteAttr(current, next, "update");
        });
  }

  /** Client DELETE: marks the file deleted (its bytes go when GC purges it). */
  public FileAttributes delete(UUID fileId, Requester requester) {
    return withLock(
        fileId,
        () -> {
          FileAttributes current = requireAttr(fileId);
          if (current.status() == FileStatus.DELETED) {
            return current;
          }
          transferLocks.refuseIfHeld(fileId);
          RetentionRules.Decision decision =
              RetentionRules.mayDelete(
                  current,
                  element.state().mode(),
                  requester.mayActOnAnyFile() || requester.owns(current),
                  now());
          switch (decision) {
            case ALLOWED -> {}
            case MODE_NOT_ALLOWED ->
                throw new ApiException(
                    ProblemCode.MODE_NOT_ALLOWED,
                    "Files cannot be deleted in mode " + element.state().mode().wireName() + ".");
            case FORBIDDEN ->
                throw new ApiException(
                    ProblemCode.FORBIDDEN, "Only the file's owner or an ADMIN may delete it.");
            case RETENTION_LOCKED -> throw retentionLocked(current);
          }
          return rewriteAttr(current, current.withStatus(FileStatus.DELETED, now()), "delete");
        });
  }

  private static ApiException retentionLocked(FileAttributes file) {
    return new ApiException(
        ProblemCode.RETENTION_LOCKED,
        file.retentionPolicy() == RetentionPolicy.PERMANENT
            ? "File " + file.fileId() + " is permanent."
            : "File " + file.fileId() + " is retained until " + file.expiresAt() + ".");
  }

  private FileAttributes rewriteAttr(FileAttributes current, FileAttributes next, String op) {
    byte[] json;
    try {
      json = AttrJsonCodec.encode(next);
    } catch (AttrJsonCodec.TooLargeException e) {
      throw attrTooLarge(e);
    }
    UUID txId = UUID.randomUUID();
    try {
      storage()
          .wal()
          .begin(
              new WalEntry(
                  txId,
                  WalEntry.Operation.UPDATE,
                  current.fileId(),
                  current.dataKey(),
                  next.version(),
                  now(),
                  op));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      storage().blobs().putSmall(next.attrKey(), json);
    } catch (IOException | RuntimeException e) {
      // The atomic replace either happened or not; recovery re-reads attr.json either way.
      storage().wal().rollback(txId);
      operations.record(op, "error");
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    applyToCache(txId, next);
    operations.record(op, "ok");
    return next;
  }

  /**
   * The source's side of a committed transfer: the file becomes {@code transferred} (attr.json
   * first, through the WAL like every update), invisible to reads and listings and no longer
   * counted as a file; GC removes it after the margin. Idempotent: a file already transferred, or
   * no longer here, is left as it is.
   *
   * @return the file's document after the change, empty when it is not here
   */
  Optional<FileAttributes> markTransferred(UUID fileId) {
    return withLock(
        fileId,
        () -> {
          Optional<FileAttributes> found = readAttr(fileId);
          if (found.isEmpty() || found.get().status() == FileStatus.TRANSFERRED) {
            return found;
          }
          FileAttributes next =
              rewriteAttr(
                  found.get(),
                  found.get().withStatus(FileStatus.TRANSFERRED, now()),
                  "transfer_out");
          ledger().transferredOut();
          return Optional.of(next);
        });
  }

  /** GC: physical removal of a file whose retention allows it. Idempotent: false if absent. */
  public boolean purge(UUID fileId) {
    return withLock(
        fileId,
        () -> {
          Optional<FileAttributes> found = readAttr(fileId);
          if (found.isEmpty()) {
            // Nothing on disk; a stale cache row (if any) goes too.
            try {
              cache.delete(fileId);
            } catch (SQLException e) {
              LOG.log(Level.FINE, "Cache row of absent file " + fileId + " not removed", e);
            }
            return false;
          }
          FileAttributes current = found.get();
          transferLocks.refuseIfHeld(fileId);
          if (current.status() == FileStatus.TRANSFERRED) {
            if (!TransferRules.mayRemoveTransferred(
                current.transferredAt(),
                element.state().mode(),
                now(),
                settings.transferRemovalMargin())) {
              operations.record("purge", "retention_locked");
              throw new ApiException(
                  ProblemCode.RETENTION_LOCKED,
                  "File "
                      + fileId
                      + " moved to another element at "
                      + current.transferredAt()
                      + "; its copy here can be removed "
                      + (element.state().mode().allows(Operation.UPLOAD)
                          ? "from " + current.transferredAt().plus(settings.transferRemovalMargin())
                          : "only while the element is in mode edit or rw (it is "
                              + element.state().mode().wireName()
                              + ")")
                      + ".");
            }
          } else if (RetentionRules.mayPurge(current, now()) != RetentionRules.Decision.ALLOWED) {
            throw retentionLocked(current);
          }
          removeCommitted(current, "purge");
          return true;
        });
  }

  /**
   * The ingester's compensation (DECISIONS D35): removes a file it could not register, whatever its
   * retention, as long as it is younger than {@code ARTSTORE_SE_WITHDRAW_WINDOW}; older files are
   * RETENTION_LOCKED (a withdraw must never become a way around retention). Idempotent: false when
   * the file is not there.
   */
  public boolean withdraw(UUID fileId, String caller) {
    return withLock(
        fileId,
        () -> {
          Optional<FileAttributes> found = readAttr(fileId);
          if (found.isEmpty()) {
            try {
              cache.delete(fileId);
            } catch (SQLException e) {
              LOG.log(Level.FINE, "Cache row of absent file " + fileId + " not removed", e);
            }
            LOG.info("Withdraw of " + fileId + " by " + caller + ": not on this element");
            return false;
          }
          FileAttributes current = found.get();
          transferLocks.refuseIfHeld(fileId);
          Instant now = now();
          if (RetentionRules.mayWithdraw(current, now, settings.withdrawWindow())
              != RetentionRules.Decision.ALLOWED) {
            operations.record("withdraw", "retention_locked");
            throw new ApiException(
                ProblemCode.RETENTION_LOCKED,
                "File "
                    + fileId
                    + " was stored at "
                    + current.createdAt()
                    + "; it can be withdrawn only within "
                    + settings.withdrawWindow()
                    + " of its upload.");
          }
          removeCommitted(current, "withdraw");
          LOG.info(
              "Withdrew file "
                  + fileId
                  + " ("
                  + current.retentionPolicy().wireName()
                  + ", "
                  + current.storedSizeBytes()
                  + " bytes stored at "
                  + current.dataKey()
                  + ") at the request of "
                  + caller);
          return true;
        });
  }

  /** Removes a file through the WAL (entry PURGE: recovery completes it), ledger and cache too. */
  private void removeCommitted(FileAttributes current, String op) {
    UUID txId = UUID.randomUUID();
    try {
      storage()
          .wal()
          .begin(
              new WalEntry(
                  txId,
                  WalEntry.Operation.PURGE,
                  current.fileId(),
                  current.dataKey(),
                  current.version(),
                  now(),
                  null));
      removeFiles(current.fileId(), current.dataKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (current.status() == FileStatus.TRANSFERRED) {
      ledger().removedBytes(current.storedSizeBytes()); // no longer counted as a file
    } else {
      ledger().removed(current.storedSizeBytes());
    }
    operations.record(op, "ok");
    try {
      cache.delete(current.fileId());
      storage().wal().commit(txId);
    } catch (SQLException e) {
      storage().wal().markPublished(txId);
    }
  }

  /** Data first, then attr.json, then the index entry: each step idempotent. */
  void removeFiles(UUID fileId, String dataKey) throws IOException {
    storage().blobs().delete(dataKey);
    storage().blobs().delete(FileAttributes.attrKeyOf(dataKey));
    storage().ids().remove(fileId);
  }

  private FileAttributes requireAttr(UUID fileId) {
    return readAttr(fileId)
        .filter(f -> f.status() != FileStatus.TRANSFERRED)
        .orElseThrow(() -> new ApiException(ProblemCode.NOT_FOUND, "No file " + fileId + " here."));
  }

  /** Step 4 and 6 of the protocol; a cache failure leaves the entry for the replay. */
  void applyToCache(UUID txId, FileAttributes attrs) {
    try {
      cache.upsert(attrs);
      storage().wal().commit(txId);
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Metadata cache not updated for "
              + attrs.fileId()
              + " (attr.json has it; replayed when the database is back): "
              + e);
      storage().wal().markPublished(txId);
    }
  }

  private void requireMode(Operation operation) {
    ElementMode mode = element.state().mode();
    if (!mode.allows(operation)) {
      operations.record(operation.wireName(), "mode_not_allowed");
      throw new ApiException(
          ProblemCode.MODE_NOT_ALLOWED,
          "The element is in mode "
              + mode.wireName()
              + ", which does not allow "
              + operation.wireName()
              + ".");
    }
  }

  private <T> T withLock(UUID fileId, java.util.function.Supplier<T> action) {
    ReentrantLock lock = locks[Math.floorMod(fileId.hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** The compressed bytes on their way to the blob store: counted and hashed. */
  private static final class StoredBytes extends OutputStream {
    private final OutputStream target;
    private final MessageDigest digest = sha256();
    private long count;

    StoredBytes(OutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      target.write(b);
      digest.update((byte) b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      target.write(b, off, len);
      digest.update(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      target.flush();
    }

    @Override
    public void close() throws IOException {
      flush(); // the blob write's owner finishes and publishes it
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
