package io.artstore.ingester.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The text fields of a client's upload as the ingester sees them (SPEC §5.1): the ones that decide
 * placement are checked here and must come before the file part; the descriptive ones are passed to
 * the element in their order, which validates them. Anything else (including {@code file_id} and
 * {@code uploaded_by}, which only the ingester sets) is dropped.
 */
public final class UploadFields {
  /** Passed on to the element as they are. */
  static final Set<String> FORWARDED = Set.of("description", "tags", "metadata", "ttl_days");

  /** Decide where and how the bytes go, so they must precede the file part. */
  static final Set<String> BEFORE_FILE = Set.of("retention_policy", "compress");

  public static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "zstd");

  /** A field for the element, in the client's order. */
  public record Field(String name, String value) {}

  private Placement placement;
  private String compress = "none";
  private String checksum;
  private Integer ttlDays;
  private boolean fileSeen;

  /**
   * Takes one field.
   *
   * @return the field to pass on now, if any
   * @throws FieldException when the value is invalid or comes too late
   */
  public Optional<Field> accept(String name, String value) {
    if (fileSeen && BEFORE_FILE.contains(name)) {
      throw new FieldException(name, "must come before the file part");
    }
    switch (name) {
      case "retention_policy" -> {
        if (placement != null) {
          throw new FieldException(name, "given twice");
        }
        placement =
            Placement.ofPolicy(value)
                .orElseThrow(() -> new FieldException(name, "must be temporary or permanent"));
        return Optional.of(new Field(name, placement.policy()));
      }
      case "compress" -> {
        String c = value.trim().toLowerCase(Locale.ROOT);
        if (!COMPRESSIONS.contains(c)) {
          throw new FieldException(name, "must be none, gzip or zstd");
        }
        compress = c;
        return c.equals("none") ? Optional.empty() : Optional.of(new Field(name, c));
      }
      case "checksum" -> {
        String hex;
        try {
          hex = ContentDigests.checksumField(value);
        } catch (IllegalArgumentException e) {
          throw new FieldException(name, e.getMessage());
        }
        return expectChecksum(hex, name);
      }
      case "ttl_days" -> {
        try {
          int days = Integer.parseInt(value.trim());
          if (days < 1 || days > 365) {
            throw new FieldException(name, "must be between 1 and 365");
          }
          ttlDays = days;
          if (fileSeen && placement == Placement.PERMANENT) {
            throw new FieldException(name, "only temporary files have a ttl");
          }
        } catch (NumberFormatException e) {
          throw new FieldException(name, "must be an integer between 1 and 365");
        }
        return Optional.of(new Field(name, Integer.toString(ttlDays)));
      }
      default -> {
        return FORWARDED.contains(name) ? Optional.of(new Field(name, value)) : Optional.empty();
      }
    }
  }

  /**
   * A SHA-256 the client announced (form field or digest header); two different ones are an error.
   */
  public Optional<Field> expectChecksum(String hex, String source) {
    if (checksum != null) {
      if (!checksum.equals(hex)) {
        throw new FieldException(source, "disagrees with the other checksum given");
      }
      return Optional.empty();
    }
    checksum = hex;
    return Optional.of(new Field("checksum", hex));
  }

  /** The file part starts: placement is fixed from here on. */
  public Placement fileStarts() {
    fileSeen = true;
    if (placement == null) {
      placement = Placement.TEMPORARY;
    }
    if (placement == Placement.PERMANENT && ttlDays != null) {
      throw new FieldException("ttl_days", "only temporary files have a ttl");
    }
    return placement;
  }

  public Placement placement() {
    return placement == null ? Placement.TEMPORARY : placement;
  }

  public String compress() {
    return compress;
  }

  public Optional<String> checksum() {
    return Optional.ofNullable(checksum);
  }

  /** A field the ingester refuses, with the field's name. */
  public static final class FieldException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public FieldException(String field, String message) {
      super(message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
