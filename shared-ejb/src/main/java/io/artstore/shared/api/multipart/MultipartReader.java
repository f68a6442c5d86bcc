package io.artstore.shared.api.multipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A streaming multipart/form-data (RFC 7578, RFC 2046) reader: one 64 KiB buffer, no temp files,
 * constant memory whatever the size of a part.
 *
 * <pre>{@code
 * MultipartReader reader = MultipartReader.of(contentType, request, Limits.defaults());
 * for (Part part; (part = reader.next()) != null; ) { ... part.body() ... }
 * }</pre>
 *
 * <p>Rules, beyond the RFCs where they leave a choice:
 *
 * <ul>
 *   <li>A body delimiter is recognised only as {@code CRLF--boundary}; a bare {@code LF--boundary}
 *       is content (so an all-LF body ends up refused as truncated). Header lines, and the end of a
 *       boundary line, may end in CRLF or a bare LF. Space and tab padding after a boundary is
 *       allowed; anything else after it is refused, as is a boundary line that is not the whole
 *       line.
 *   <li>Header bytes are decoded as UTF-8 (RFC 7578 §5.1; what browsers and curl send), falling
 *       back to ISO-8859-1 for a line that is not valid UTF-8. Folded lines are unfolded. A
 *       repeated Content-Disposition or Content-Type is refused; other repeated headers are joined
 *       by ", ".
 *   <li>The Content-Disposition type must be {@code form-data} and carry {@code name}. {@code
 *       filename*} (RFC 8187, UTF-8 or ISO-8859-1) wins over {@code filename}. In quoted strings
 *       only {@code \"} and {@code \\} are escapes (browsers send Windows paths unescaped).
 *   <li>Input that ends before the close delimiter is refused, wherever it ends (preamble, headers,
 *       body). Preamble and epilogue are ignored; the epilogue is not read.
 *   <li>After any failure the reader stays failed: every later call throws again.
 * </ul>
 *
 * <p>Not thread-safe.
 */
public final class MultipartReader {
  static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_BOUNDARY = 70;

  private enum State {
    PREAMBLE,
    BODY,
    DELIMITER,
    DONE,
    FAILED
  }

  private final InputStream in;
  private final Limits limits;
  private final String boundary;

  /** {@code CRLF--boundary}. */
  private final byte[] delim;

  /** Horspool bad-character shifts for {@link #delim}. */
  private final int[] shift = new int[256];

  private final byte[] buf = new byte[BUFFER_SIZE];
  private int pos;
  private int limit;
  private boolean eof;

  private State state = State.PREAMBLE;
  private IOException failure;
  private int partCount;

  /** Whether {@link #delimAt} and {@link #safeEnd} describe {@code buf[pos..limit)}. */
  private boolean scanned;

  /** Start of the delimiter in the buffer, or -1. */
  private int delimAt;

  /** Bytes before this index are body bytes for sure (the delimiter or a possible prefix of it). */
  private int safeEnd;

  private byte[] line = new byte[256];
  private int lineLen;

  private MultipartReader(InputStream in, Limits limits, String boundary) {
    this.in = in;
    this.limits = limits;
    this.boundary = boundary;
    this.delim = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int m = delim.length;
    Arrays.fill(shift, m);
    for (int k = 0; k < m - 1; k++) {
      shift[delim[k] & 0xff] = m - 1 - k;
    }
  }

  /**
   * A reader of {@code in}, whose Content-Type header is {@code contentType}.
   *
   * @throws MultipartException when the content type is not multipart/form-data with a valid
   *     boundary
   */
  public static MultipartReader of(String contentType, InputStream in, Limits limits)
      throws MultipartException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(limits, "limits");
    if (contentType == null || contentType.isBlank()) {
      throw new MultipartException("Content-Type must be multipart/form-data");
    }
    HeaderValues.Parsed parsed = HeaderValues.parse(contentType, "Content-Type");
    if (!parsed.type().equals("multipart/form-data")) {
      throw new MultipartException("Content-Type must be multipart/form-data");
    }
    String boundary = parsed.params().get("boundary");
    if (boundary == null || boundary.isEmpty()) {
      throw new MultipartException("Content-Type has no boundary parameter");
    }
    if (boundary.length() > MAX_BOUNDARY) {
      throw new MultipartException("the multipart boundary is longer than 70 characters");
    }
    for (int i = 0; i < boundary.length(); i++) {
      if (!isBoundaryChar(boundary.charAt(i))) {
        throw new MultipartException("the multipart boundary has a character RFC 2046 forbids");
      }
    }
    if (boundary.endsWith(" ")) {
      throw new MultipartException("the multipart boundary ends with a space");
    }
    return new MultipartReader(in, limits, boundary);
  }

  private static boolean isBoundaryChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || "'()+_,-./:=? ".indexOf(c) >= 0;
  }

  public String boundary() {
    return boundary;
  }

  /**
   * The next part, or null after the close delimiter. Whatever is unread of the previous part is
   * skipped; its body is no longer readable.
   *
   * @throws MultipartException when the body is malformed, truncated or over the limits
   */
  public Part next() throws IOException {
    switch (state) {
      case DONE:
        return null;
      case FAILED:
        throw failed();
      default:
        break;
    }
    partCount++;
    try {
      return advance();
    } catch (IOException | RuntimeException e) {
      state = State.FAILED;
      failure = e instanceof IOException io ? io : new IOException(e);
      throw e;
    }
  }

  private Part advance() throws IOException {
    if (state == State.PREAMBLE) {
      skipPreamble();
    } else {
      if (state == State.BODY) {
        drain("the multipart body ended inside a part");
      }
      pos += delim.length; // state DELIMITER: the delimiter starts at pos
    }
    if (readBoundaryLineEnd()) {
      state = State.DONE;
      return null;
    }
    if (partCount > limits.maxParts()) {
      throw new MultipartException("more than " + limits.maxParts() + " parts");
    }
    Map<String, String> headers = readHeaders();
    String disposition = headers.get("content-disposition");
    if (disposition == null) {
      throw new MultipartException("a part has no Content-Disposition header");
    }
    HeaderValues.Parsed cd = HeaderValues.parse(disposition, "Content-Disposition");
    if (!cd.type().equals("form-data")) {
      throw new MultipartException("a part's Content-Disposition is not form-data");
    }
    String name = cd.params().get("name");
    if (name == null) {
      throw new MultipartException("a part's Content-Disposition has no name");
    }
    String ext = cd.params().get("filename*");
    String filename = ext != null ? HeaderValues.decodeExtValue(ext) : cd.params().get("filename");
    state = State.BODY;
    scanned = false;
    return new Part(name, filename, headers.get("content-type"), headers, new PartBody(partCount));
  }

  private IOException failed() {
    return failure instanceof MultipartException
        ? new MultipartException(failure.getMessage())
        : new IOException("the multipart reader failed earlier", failure);
  }

  // ---- preamble and boundary lines

  private void skipPreamble() throws IOException {
    int need = delim.length - 2; // "--boundary" at the very start: no CRLF before it
    while (limit - pos < need && fill()) {
      // read until the first line could be tested
    }
    if (limit - pos >= need && Arrays.equals(buf, pos, pos + need, delim, 2, delim.length)) {
      pos += need;
    } else {
      drain("the multipart body has no boundary line");
      pos += delim.length;
    }
  }

  /** Reads what follows a boundary: true for the close delimiter, false for a part. */
  private boolean readBoundaryLineEnd() throws IOException {
    String truncated = "the multipart body ended inside a boundary line";
    int b = requireByte(truncated);
    if (b == '-') {
      if (requireByte(truncated) == '-') {
        return true;
      }
      throw new MultipartException("a multipart boundary line is malformed");
    }
    int padding = 0;
    while (b == ' ' || b == '\t') {
      if (++padding > limits.maxHeaderBytes()) {
        throw new MultipartException("a multipart boundary line is malformed");
      }
      b = requireByte(truncated);
    }
    if (b == '\r') {
      b = requireByte(truncated);
    }
    if (b != '\n') {
      throw new MultipartException("a multipart boundary line is malformed");
    }
    return false;
  }

  private int requireByte(String truncatedMessage) throws IOException {
    if (pos == limit && !fill()) {
      throw new MultipartException(truncatedMessage);
    }
    return buf[pos++] & 0xff;
  }

  // ---- headers

  private Map<String, String> readHeaders() throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int budget = limits.maxHeaderBytes();
    String last = null;
    while (true) {
      budget -= readLine(budget);
      if (lineLen == 0) {
        return headers;
      }
      String text = HeaderValues.decodeStrict(line, 0, lineLen, StandardCharsets.UTF_8);
      if (text == null) {
        text = new String(line, 0, lineLen, StandardCharsets.ISO_8859_1);
      }
      char first = text.charAt(0);
      if (first == ' ' || first == '\t') {
        if (last == null) {
          throw new MultipartException("a part's headers start with a continuation line");
        }
        headers.put(last, headers.get(last) + " " + text.trim());
        continue;
      }
      int colon = text.indexOf(':');
      if (colon <= 0) {
        throw new MultipartException("a part header line has no name");
      }
      String name = text.substring(0, colon).toLowerCase(Locale.ROOT);
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (c <= ' ' || c >= 0x7f) {
          throw new MultipartException("a part header name is malformed");
        }
      }
      String value = text.substring(colon + 1).trim();
      String previous = headers.putIfAbsent(name, value);
      if (previous != null) {
        if (name.equals("content-disposition") || name.equals("content-type")) {
          throw new MultipartException("a part repeats its " + name + " header");
        }
        headers.put(name, previous + ", " + value);
      }
      last = name;
    }
  }

  /** Reads one header line into {@link #line} without its line end; returns the bytes consumed. */
  private int readLine(int budget) throws IOException {
    lineLen = 0;
    int consumed = 0;
    while (true) {
      if (pos == limit && !fill()) {
        throw new MultipartException("the multipart body ended inside a part's headers");
      }
      int nl = indexOf((byte) '\n', pos, limit);
      int end = nl < 0 ? limit : nl;
      int n = end - pos;
      consumed += nl < 0 ? n : n + 1;
      if (consumed > budget) {
        throw new MultipartException(
            "a part's headers are larger than " + limits.maxHeaderBytes() + " bytes");
      }
      if (lineLen + n > line.length) {
        line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
      }
      System.arraycopy(buf, pos, line, lineLen, n);
      lineLen += n;
      if (nl >= 0) {
        pos = nl + 1;
        if (lineLen > 0 && line[lineLen - 1] == '\r') {
          lineLen--;
        }
        return consumed;
      }
      pos = limit;
    }
  }

  private int indexOf(byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == b) {
        return i;
      }
    }
    return -1;
  }

  // ---- body: the hot path

  /** Reads body bytes of the current part; -1 at its delimiter. */
  private int readBody(byte[] b, int off, int len) throws IOException {
    if (state != State.BODY) {
      return -1;
    }
    while (true) {
      if (!scanned) {
        scan();
      }
      int avail = safeEnd - pos;
      if (avail > 0) {
        int n = Math.min(len, avail);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
      }
      if (delimAt == pos) {
        state = State.DELIMITER;
        return -1;
      }
      if (!fill()) {
        throw new MultipartException("the multipart body ended inside a part");
      }
    }
  }

  private long skipBody(long n) throws IOException {
    if (state != State.BODY || n <= 0) {
      return 0;
    }
    while (true) {
      if (!scanned) {
        scan();
      }
      int avail = safeEnd - pos;
      if (avail > 0) {
        int k = (int) Math.min(n, avail);
        pos += k;
        return k;
      }
      if (delimAt == pos) {
        state = State.DELIMITER;
        return 0;
      }
      if (!fill()) {
        throw new MultipartException("the multipart body ended inside a part");
      }
    }
  }

  /** Skips to the next delimiter, leaving {@code pos} at its start. */
  private void drain(String truncatedMessage) throws IOException {
    while (true) {
      if (!scanned) {
        scan();
      }
      if (safeEnd > pos) {
        pos = safeEnd;
      } else if (delimAt == pos) {
        state = State.DELIMITER;
        return;
      } else if (!fill()) {
        throw new MultipartException(truncatedMessage);
      }
    }
  }

  /** Finds the delimiter in {@code buf[pos..limit)}, or how far the bytes are surely body. */
  private void scan() {
    int found = horspool(pos, limit);
    delimAt = found;
    safeEnd = found >= 0 ? found : partialTailStart(pos, limit);
    scanned = true;
  }

  private int horspool(int from, int to) {
    byte[] d = delim;
    int last = d.length - 1;
    byte lastByte = d[last];
    byte[] b = buf;
    int[] s = shift;
    for (int i = from, end = to - d.length; i <= end; ) {
      byte c = b[i + last];
      if (c == lastByte && b[i] == '\r' && Arrays.equals(b, i + 1, i + last, d, 1, last)) {
        return i;
      }
      i += s[c & 0xff];
    }
    return -1;
  }

  /** Where a proper prefix of the delimiter starts that runs to {@code to}, else {@code to}. */
  private int partialTailStart(int from, int to) {
    for (int p = Math.max(from, to - delim.length + 1); p < to; p++) {
      if (buf[p] == '\r' && Arrays.equals(buf, p, to, delim, 0, to - p)) {
        return p;
      }
    }
    return to;
  }

  /** Keeps {@code buf[pos..limit)} and reads more after it; false at end of input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      int rest = limit - pos;
      System.arraycopy(buf, pos, buf, 0, rest);
      pos = 0;
      limit = rest;
    }
    scanned = false;
    if (limit == buf.length) {
      throw new IllegalStateException("multipart buffer full"); // no caller keeps that much
    }
    int n;
    do {
      n = in.read(buf, limit, buf.length - limit);
    } while (n == 0);
    if (n < 0) {
      eof = true;
      return false;
    }
    limit += n;
    return true;
  }

  /** The body of one part: readable while that part is the current one. */
  private final class PartBody extends InputStream {
    private final int id;
    private byte[] one;

    PartBody(int id) {
      this.id = id;
    }

    private void check() throws IOException {
      if (state == State.FAILED) {
        throw failed();
      }
      if (id != partCount) {
        throw new IOException("the multipart reader has moved past this part");
      }
    }

    @Override
    public int read() throws IOException {
      if (one == null) {
        one = new byte[1];
      }
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      check();
      if (len == 0) {
        return 0;
      }
      try {
        return readBody(b, off, len);
      } catch (IOException e) {
        state = State.FAILED;
        failure = e;
        throw e;
      }
    }

    @Override
    public long skip(long n) throws IOException {
      check();
      try {
        return skipBody(n);
      } catch (IOException e) {
        state = State.FAILED;
        failure = e;
        throw e;
      }
    }

    @Override
    public int available() {
      return state == State.BODY && id == partCount && scanned ? safeEnd - pos : 0;
    }

    @Override
    public void close() {
      // The request stream belongs to the caller; next() skips what is left of this part.
    }
  }
}
