package io.artstore.storage.application;

import java.util.function.LongSupplier;

/**
 * What the element holds and may still take, kept in memory and changed on every write, so that
 * {@code /info} (polled by admin's health sync) and the pre-write check of every upload are cheap.
 * Initialised at start-up from the metadata cache (or a walk of the store) after recovery.
 *
 * <p>Uploads reserve bytes before they write (their declared length, then more as they stream), so
 * that concurrent uploads cannot together overrun the limit: {@code used + reserved <= total}.
 */
public final class CapacityLedger {
  private final LongSupplier limit;
  private long used;
  private long files;
  private long reserved;

  /**
   * @param limit the total the element may hold: the configured maximum bounded by what the medium
   *     really has ({@code used + usable}); given {@code used}, answers the current limit
   */
  public CapacityLedger(LongSupplier limit) {
    this.limit = limit;
  }

  public synchronized void reset(long usedBytes, long fileCount) {
    this.used = usedBytes;
    this.files = fileCount;
  }

  /** Reserves bytes for a write in progress; false (nothing reserved) when they do not fit. */
  public synchronized boolean tryReserve(long bytes) {
    if (bytes <= 0) {
      return true;
    }
    if (used + reserved + bytes > limit.getAsLong()) {
      return false;
    }
    reserved += bytes;
    return true;
  }

  public synchronized void release(long bytes) {
    reserved = Math.max(0, reserved - bytes);
  }

  /** A write completed: its reservation becomes a stored file of {@code size} bytes. */
  public synchronized void stored(long reservedBytes, long size) {
    reserved = Math.max(0, reserved - reservedBytes);
    used += size;
    files++;
  }

  /** Reserves bytes whether or not they fit: what staged copies held before a restart. */
  public synchronized void forceReserve(long bytes) {
    if (bytes > 0) {
      reserved += bytes;
    }
  }

  /**
   * A file moved to another element (a committed transfer): it no longer counts as a file here, its
   * bytes do until GC removes them ({@link #removedBytes}).
   */
  public synchronized void transferredOut() {
    files = Math.max(0, files - 1);
  }

  /** The bytes of a file that no longer counted as a file (a transferred copy) were removed. */
  public synchronized void removedBytes(long size) {
    used = Math.max(0, used - size);
  }

  /** A file's bytes were removed. */
  public synchronized void removed(long size) {
    used = Math.max(0, used - size);
    files = Math.max(0, files - 1);
  }

  public synchronized long used() {
    return used;
  }

  public synchronized long files() {
    return files;
  }

  public synchronized long total() {
    return limit.getAsLong();
  }
}
