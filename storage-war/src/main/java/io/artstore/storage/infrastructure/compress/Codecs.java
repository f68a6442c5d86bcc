package io.artstore.storage.infrastructure.compress;

import io.airlift.compress.zstd.ZstdInputStream;
import io.airlift.compress.zstd.ZstdOutputStream;
import io.artstore.storage.domain.Compression;
import io.artstore.storage.infrastructure.blob.BoundedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Streaming compressors for {@link Compression}: gzip from the JDK, zstd from aircompressor (pure
 * Java, no native library to load inside Liberty). Both hold a fixed-size window whatever the size
 * of the file, so memory does not grow with it.
 */
public final class Codecs {
  private static final int GZIP_BUFFER = 64 * 1024;

  private Codecs() {}

  /**
   * A stream that compresses into {@code target}. Closing it writes the end of the compressed data
   * (gzip trailer, zstd last block) but leaves {@code target} open: the blob store's write is
   * finished and published by its owner, not by the compressor.
   */
  public static OutputStream compressor(Compression compression, OutputStream target)
      throws IOException {
    OutputStream shielded = new NonClosing(target);
    return switch (compression) {
      case NONE -> shielded;
      case GZIP -> new GZIPOutputStream(shielded, GZIP_BUFFER, false);
      case ZSTD -> new ZstdOutputStream(shielded);
    };
  }

  /** A stream of the original bytes of {@code stored}; closing it closes {@code stored}. */
  public static InputStream decompressor(Compression compression, InputStream stored)
      throws IOException {
    return switch (compression) {
      case NONE -> stored;
      case GZIP -> new GZIPInputStream(stored, GZIP_BUFFER);
      case ZSTD -> new ZstdInputStream(stored);
    };
  }

  /**
   * The original bytes from {@code offset}, {@code length} of them ({@code < 0}: to the end): a
   * compressed stream cannot seek, so the bytes before {@code offset} are decompressed and dropped.
   * A stream that ends before {@code offset} fails (the data file is shorter than its attr.json
   * says).
   */
  public static InputStream decompressedRange(
      Compression compression, InputStream stored, long offset, long length) throws IOException {
    InputStream in = decompressor(compression, stored);
    try {
      in.skipNBytes(offset);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return length < 0 ? in : new BoundedInputStream(in, length);
  }

  /** Passes writes through, turns close into flush. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
