package io.artstore.storage.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How a file's bytes are stored (the upload field {@code compress}, SPEC §5.1). The wire names are
 * also the HTTP content-coding names (RFC 9110 §8.4.1), so a stored file can be sent as is with
 * {@code Content-Encoding: <wire name>}.
 */
public enum Compression {
  NONE("none"),
  GZIP("gzip"),
  ZSTD("zstd");

  private final String wireName;

  Compression(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** {@code none}, {@code gzip} or {@code zstd}, case-insensitive; empty for anything else. */
  public static Optional<Compression> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (c.wireName.equals(v)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether an {@code Accept-Encoding} header (RFC 9110 §12.5.3) accepts this coding: listed with a
   * q-value above 0 (gzip also as its alias {@code x-gzip}), or not listed but covered by a {@code
   * *} above 0. No header, or an empty one, accepts no coding: the original bytes are the safe
   * answer for clients that did not ask.
   */
  public boolean acceptedBy(String acceptEncoding) {
    if (this == NONE || acceptEncoding == null || acceptEncoding.isBlank()) {
      return false;
    }
    Double explicit = null;
    Double wildcard = null;
    for (String element : acceptEncoding.split(",")) {
      String[] params = element.split(";");
      String coding = params[0].trim().toLowerCase(Locale.ROOT);
      if (coding.isEmpty()) {
        continue;
      }
      double q = 1.0;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
        if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
          try {
            q = Double.parseDouble(p.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0; // An unreadable weight is not a yes.
          }
        }
      }
      if (coding.equals(wireName) || (this == GZIP && coding.equals("x-gzip"))) {
        explicit = explicit == null ? q : Math.max(explicit, q);
      } else if (coding.equals("*")) {
        wildcard = q;
      }
    }
    if (explicit != null) {
      return explicit > 0;
    }
    return wildcard != null && wildcard > 0;
  }
}
