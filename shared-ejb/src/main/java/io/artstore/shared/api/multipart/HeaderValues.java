package io.artstore.shared.api.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parsing of {@code type; name=value; name="quoted"} header values (RFC 9110 / RFC 6266). */
final class HeaderValues {
  private HeaderValues() {}

  /** A header value split into its leading type and its parameters (names lower-cased). */
  record Parsed(String type, Map<String, String> params) {}

  static Parsed parse(String value, String what) throws MultipartException {
    int n = value.length();
    int i = value.indexOf(';');
    String type = (i < 0 ? value : value.substring(0, i)).trim().toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    if (i < 0) {
      return new Parsed(type, params);
    }
    i++;
    while (i < n) {
      i = skipSpace(value, i);
      if (i >= n) {
        break;
      }
      if (value.charAt(i) == ';') {
        i++;
        continue;
      }
      int eq = i;
      while (eq < n && value.charAt(eq) != '=' && value.charAt(eq) != ';') {
        eq++;
      }
      if (eq >= n || value.charAt(eq) != '=') {
        throw new MultipartException(what + " has a parameter without a value");
      }
      String name = value.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        throw new MultipartException(what + " has a parameter without a name");
      }
      i = skipSpace(value, eq + 1);
      String paramValue;
      if (i < n && value.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = value.charAt(i++);
          if (c == '"') {
            closed = true;
            break;
          }
          // Only \" and \\ are escapes: browsers send Windows paths with bare backslashes.
          if (c == '\\' && i < n && (value.charAt(i) == '"' || value.charAt(i) == '\\')) {
            c = value.charAt(i++);
          }
          sb.append(c);
        }
        if (!closed) {
          throw new MultipartException(what + " has an unterminated quoted string");
        }
        paramValue = sb.toString();
        i = skipSpace(value, i);
        if (i < n && value.charAt(i) != ';') {
          throw new MultipartException(what + " has text after a quoted string");
        }
      } else {
        int end = value.indexOf(';', i);
        if (end < 0) {
          end = n;
        }
        paramValue = value.substring(i, end).trim();
        i = end;
      }
      if (params.putIfAbsent(name, paramValue) != null) {
        throw new MultipartException(what + " repeats the parameter " + name);
      }
    }
    return new Parsed(type, params);
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** Decodes an RFC 8187 ext-value ({@code UTF-8'lang'percent%20encoded}). */
  static String decodeExtValue(String ext) throws MultipartException {
    int q1 = ext.indexOf('\'');
    int q2 = q1 < 0 ? -1 : ext.indexOf('\'', q1 + 1);
    if (q2 < 0) {
      throw new MultipartException("filename* is not charset'language'value");
    }
    String charsetName = ext.substring(0, q1).trim().toUpperCase(Locale.ROOT);
    Charset charset =
        switch (charsetName) {
          case "UTF-8" -> StandardCharsets.UTF_8;
          case "ISO-8859-1" -> StandardCharsets.ISO_8859_1;
          default -> throw new MultipartException("filename* charset must be UTF-8");
        };
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(ext.length());
    for (int i = q2 + 1; i < ext.length(); i++) {
      char c = ext.charAt(i);
      if (c == '%') {
        int hi = i + 2 < ext.length() ? Character.digit(ext.charAt(i + 1), 16) : -1;
        int lo = hi < 0 ? -1 : Character.digit(ext.charAt(i + 2), 16);
        if (lo < 0) {
          throw new MultipartException("filename* has a bad percent escape");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(raw, 0, raw.length);
      }
    }
    String decoded = decodeStrict(bytes.toByteArray(), charset);
    if (decoded == null) {
      throw new MultipartException("filename* is not valid " + charsetName);
    }
    return decoded;
  }

  /** The bytes in the given charset, or null when they are malformed in it. */
  static String decodeStrict(byte[] bytes, Charset charset) {
    return decodeStrict(bytes, 0, bytes.length, charset);
  }

  static String decodeStrict(byte[] bytes, int off, int len, Charset charset) {
    try {
      CharBuffer chars =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, off, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
