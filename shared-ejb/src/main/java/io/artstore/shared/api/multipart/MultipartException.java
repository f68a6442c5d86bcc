package io.artstore.shared.api.multipart;

import java.io.IOException;

/**
 * The request body is not acceptable multipart/form-data: wrong content type, bad boundary,
 * malformed or oversized headers, too many parts, or input that ends before the close delimiter.
 * The message is safe to show to the client (a 400 response); any other {@link IOException} from
 * the reader comes from the underlying stream (e.g. a client disconnect).
 *
 * <p>It is an {@code IOException} so that a part's {@link java.io.InputStream#read()} can throw it
 * when the upload is truncated.
 */
public class MultipartException extends IOException {
  private static final long serialVersionUID = 1L;

  public MultipartException(String message) {
    super(message);
  }
}
