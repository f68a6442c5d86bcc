package io.artstore.storage.domain;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * {@code Content-Disposition} values (RFC 6266) carrying any file name: an ASCII {@code filename}
 * for old user agents and the exact name as {@code filename*} in RFC 8187 encoding. The result is
 * always printable ASCII: no CR, LF or other control character can reach the header.
 */
public final class ContentDisposition {
  static final String DEFAULT_NAME = "file";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private ContentDisposition() {}

  /** {@code attachment; filename="..."; filename*=UTF-8''...} */
  public static String attachment(String filename) {
    return of("attachment", filename);
  }

  /** {@code inline; filename="..."; filename*=UTF-8''...} */
  public static String inline(String filename) {
    return of("inline", filename);
  }

  private static String of(String type, String filename) {
    String name = clean(filename);
    return type + "; filename=\"" + asciiFallback(name) + "\"; filename*=UTF-8''" + encode(name);
  }

  /**
   * NFC; control characters (C0, DEL, C1, U+2028/2029) and unpaired surrogates become {@code _};
   * {@code file} when blank.
   */
  static String clean(String filename) {
    if (filename == null || filename.isBlank()) {
      return DEFAULT_NAME;
    }
    StringBuilder out = new StringBuilder(filename.length());
    Normalizer.normalize(filename, Normalizer.Form.NFC)
        .codePoints()
        .forEach(
            cp -> {
              boolean surrogate = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
              out.appendCodePoint(StorageNaming.isControl(cp) || surrogate ? '_' : cp);
            });
    String cleaned = out.toString();
    return cleaned.isBlank() ? DEFAULT_NAME : cleaned;
  }

  /**
   * The quoted-string form: printable ASCII only; every other code point, {@code "}, {@code \} and
   * {@code %} (which some agents decode, RFC 6266 Appendix D) become {@code _}.
   */
  static String asciiFallback(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints()
        .forEach(
            cp -> {
              boolean safe = cp >= 0x20 && cp < 0x7F && cp != '"' && cp != '\\' && cp != '%';
              out.append(safe ? (char) cp : '_');
            });
    return out.toString();
  }

  /** RFC 8187 value-chars: UTF-8, every byte but attr-char percent-encoded (upper-case hex). */
  static String encode(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (isAttrChar(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * {@code ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"}
   */
  private static boolean isAttrChar(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || "!#$&+-.^_`|~".indexOf(c) >= 0;
  }
}
