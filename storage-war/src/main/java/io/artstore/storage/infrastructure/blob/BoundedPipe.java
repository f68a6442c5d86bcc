package io.artstore.storage.infrastructure.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed-size byte pipe between one writer and one reader that may each run on any thread (unlike
 * {@link java.io.PipedInputStream}, which checks that the last reading and writing threads are
 * still alive, and the S3 client reads from whichever HTTP thread completed the previous part).
 * Either side can end it with an error that the other side then gets as an {@link IOException}.
 */
final class BoundedPipe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readable = lock.newCondition();
  private final Condition writable = lock.newCondition();
  private final byte[] buffer;
  private int head;
  private int count;
  private boolean sinkClosed;
  private IOException sinkFailure;
  private boolean sourceClosed;
  private Throwable sourceFailure;

  private final OutputStream sink = new Sink();
  private final InputStream source = new Source();

  BoundedPipe(int capacity) {
    this.buffer = new byte[capacity];
  }

  /** The writing end; closing it is the end of the data. */
  OutputStream sink() {
    return sink;
  }

  /** The reading end. */
  InputStream source() {
    return source;
  }

  /** Ends the pipe from the writing side with an error: the reader gets {@code failure}. */
  void failSink(IOException failure) {
    lock.lock();
    try {
      if (sinkFailure == null && !sinkClosed) {
        sinkFailure = failure;
      }
      sinkClosed = true;
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Ends the pipe from the reading side: a blocked or later writer fails (with cause if any). */
  void closeSource(Throwable cause) {
    lock.lock();
    try {
      if (!sourceClosed) {
        sourceClosed = true;
        sourceFailure = cause;
      }
      readable.signalAll();
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static InterruptedIOException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException ioe = new InterruptedIOException("interrupted while waiting on a pipe");
    ioe.initCause(e);
    return ioe;
  }

  private final class Sink extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      lock.lock();
      try {
        while (len > 0) {
          while (count == buffer.length && !sourceClosed && !sinkClosed) {
            try {
              writable.await();
            } catch (InterruptedException e) {
              throw interrupted(e);
            }
          }
          if (sinkClosed) {
            throw new IOException("write after the end of the stream");
          }
          if (sourceClosed) {
            throw new IOException("the reader has gone: upload ended", sourceFailure);
          }
          int tail = (head + count) % buffer.length;
          int n = Math.min(len, Math.min(buffer.length - count, buffer.length - tail));
          System.arraycopy(b, off, buffer, tail, n);
          count += n;
          off += n;
          len -= n;
          readable.signalAll();
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        sinkClosed = true;
        readable.signalAll();
        writable.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private final class Source extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        while (count == 0 && !sinkClosed && !sourceClosed) {
          try {
            readable.await();
          } catch (InterruptedException e) {
            throw interrupted(e);
          }
        }
        if (sinkFailure != null) {
          throw new IOException("the writer aborted", sinkFailure);
        }
        if (sourceClosed) {
          throw new IOException("read after close");
        }
        if (count == 0) {
          return -1; // sink closed: end of data
        }
        int n = Math.min(len, Math.min(count, buffer.length - head));
        System.arraycopy(buffer, head, b, off, n);
        head = (head + n) % buffer.length;
        count -= n;
        writable.signalAll();
        return n;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return count;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      closeSource(null);
    }
  }
}
