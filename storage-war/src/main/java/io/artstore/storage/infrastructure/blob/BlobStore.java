package io.artstore.storage.infrastructure.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Where an element keeps its bytes: the data files and their attr.json documents, addressed by
 * relative keys such as {@code 2026/11/22/02/report_alice_20261122T020000_<uuid>.pdf}. Local disk
 * and S3 implement the same contract (and pass the same behavioural test suite). Nothing here ever
 * holds a whole data file in memory.
 *
 * <p>Durability: when a method that writes returns, what it wrote survives a crash of the process
 * and of the machine (fsync of the file and of its directory on disk; a completed PUT on S3).
 */
public interface BlobStore extends AutoCloseable {

  /** {@code local} or {@code s3}, as reported in {@code /info}. */
  String type();

  /**
   * Starts writing a data object that will live at {@code key}. Nothing is visible at {@code key}
   * until {@link DataWrite#publish()}; an aborted or abandoned write leaves only a temporary object
   * that {@link #removeTemporaries()} removes.
   */
  DataWrite createData(String key) throws IOException;

  /** One data object being written. Close = abort unless published. */
  interface DataWrite extends AutoCloseable {
    /** The stream to write the bytes to. Not buffered beyond a small fixed-size buffer. */
    OutputStream stream();

    /**
     * Makes the written bytes durable but not yet visible at the key (local: flush + fsync of the
     * temporary file). After this, {@link #publish()} cannot fail for lack of space.
     */
    void finish() throws IOException;

    /**
     * Makes the finished bytes visible at the key, atomically and durably (local: rename over the
     * key + fsync of the directory). Replaces an existing object.
     */
    void publish() throws IOException;

    /** Drops the temporary object. Idempotent; never throws. */
    void abort();

    @Override
    default void close() {
      abort();
    }
  }

  /**
   * Replaces a small object (an attr.json, at most a few KiB) atomically and durably: readers see
   * the old or the new content, never a torn one.
   */
  void putSmall(String key, byte[] content) throws IOException;

  /** Reads a small object whole; empty when it does not exist. Refuses objects above maxBytes. */
  Optional<byte[]> readSmall(String key, int maxBytes) throws IOException;

  /**
   * Streams {@code length} bytes from {@code offset} ({@code length < 0}: to the end). The caller
   * closes the stream.
   */
  InputStream open(String key, long offset, long length) throws IOException;

  /** Size and modification time of the object, or empty when it does not exist. */
  Optional<BlobStat> stat(String key) throws IOException;

  /**
   * The hidden area where transfers stage their copies ({@code .staging/<branch>/<file id>}): data
   * objects written with {@link #createData} like any other, never walked or listed, and swept of
   * temporary objects by {@link #removeTemporaries()} like the rest of the store.
   */
  String STAGING_DIR = ".staging";

  /**
   * Moves an object to another key durably: afterwards {@code to} holds the bytes and {@code from}
   * is gone. Replaces an existing object at {@code to}. Idempotent: when {@code from} is absent and
   * {@code to} exists, there is nothing to do (a move interrupted after its copy is finished by
   * calling it again). Local disk: an atomic rename with directory fsyncs; S3: a server-side copy,
   * then the removal of the source (S3 has no rename; the bytes never pass through the element).
   *
   * @throws java.nio.file.NoSuchFileException when neither {@code from} nor {@code to} exists
   */
  void move(String from, String to) throws IOException;

  /** Removes the object durably. Idempotent: true when something was removed. */
  boolean delete(String key) throws IOException;

  /**
   * Visits every stored object (data and attr.json alike, in no particular order), except the
   * store's own temporary objects and anything whose key segment starts with a dot (element state,
   * WAL, indexes live there on local disk).
   */
  void walk(Consumer<BlobStat> visitor) throws IOException;

  /**
   * Removes temporary objects left by writes that never published (crash, kill -9): temp files on
   * disk, incomplete multipart uploads on S3. Called at start-up before the element serves writes.
   *
   * @return how many were removed
   */
  int removeTemporaries() throws IOException;

  /** Bytes the underlying medium can still take, when it knows (local disk); empty for S3. */
  OptionalLong usableSpace() throws IOException;

  /** Whether the store answers right now (a cheap probe for readiness). */
  boolean reachable();

  @Override
  void close();

  /** One stored object. */
  record BlobStat(String key, long size, Instant lastModified) {}
}
