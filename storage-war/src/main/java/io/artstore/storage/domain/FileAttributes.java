package io.artstore.storage.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the element knows about one stored file: the content of its attr.json, schema 2 (SPEC
 * §3.1). attr.json is the single source of truth; the metadata cache in PostgreSQL is a copy of
 * these records and can always be rebuilt from them.
 *
 * @param storagePath the directory of the file relative to the element root, with a trailing slash
 *     ({@code 2026/11/22/02/})
 * @param version +1 on every change of the document
 */
public record FileAttributes(
    String schemaVersion,
    UUID fileId,
    String originalFilename,
    String storageFilename,
    String storagePath,
    long sizeBytes,
    String contentType,
    Checksum checksum,
    Instant createdAt,
    Instant updatedAt,
    Uploader uploadedBy,
    String description,
    List<String> tags,
    Map<String, String> metadata,
    RetentionPolicy retentionPolicy,
    Integer ttlDays,
    Instant expiresAt,
    FileStatus status,
    String storageElementId,
    long version,
    StoredEncoding storedEncoding) {

  public static final String SCHEMA_VERSION = "2";

  /** A file stored as it was sent (no compression). */
  public FileAttributes(
      String schemaVersion,
      UUID fileId,
      String originalFilename,
      String storageFilename,
      String storagePath,
      long sizeBytes,
      String contentType,
      Checksum checksum,
      Instant createdAt,
      Instant updatedAt,
      Uploader uploadedBy,
      String description,
      List<String> tags,
      Map<String, String> metadata,
      RetentionPolicy retentionPolicy,
      Integer ttlDays,
      Instant expiresAt,
      FileStatus status,
      String storageElementId,
      long version) {
    this(
        schemaVersion,
        fileId,
        originalFilename,
        storageFilename,
        storagePath,
        sizeBytes,
        contentType,
        checksum,
        createdAt,
        updatedAt,
        uploadedBy,
        description,
        tags,
        metadata,
        retentionPolicy,
        ttlDays,
        expiresAt,
        status,
        storageElementId,
        version,
        null);
  }

  public FileAttributes {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(storageFilename, "storageFilename");
    Objects.requireNonNull(storagePath, "storagePath");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(retentionPolicy, "retentionPolicy");
    Objects.requireNonNull(status, "status");
    tags = tags == null ? List.of() : List.copyOf(tags);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /**
   * The data file's key relative to the element root; its attr.json is this + {@code .attr.json}.
   */
  public String dataKey() {
    return storagePath + storageFilename;
  }

  public String attrKey() {
    return attrKeyOf(dataKey());
  }

  public static String attrKeyOf(String dataKey) {
    return dataKey + ATTR_SUFFIX;
  }

  public static final String ATTR_SUFFIX = ".attr.json";

  /** How the data file is stored: {@link Compression#NONE} unless compressed at upload. */
  public Compression compression() {
    return storedEncoding == null ? Compression.NONE : storedEncoding.compression();
  }

  /** Bytes the data file takes (compressed size, else {@link #sizeBytes()}): capacity, fixity. */
  public long storedSizeBytes() {
    return storedEncoding == null ? sizeBytes : storedEncoding.sizeBytes();
  }

  /** SHA-256 of the data file as stored (of the compressed bytes when compressed). */
  public Checksum storedChecksum() {
    return storedEncoding == null ? checksum : storedEncoding.checksum();
  }

  /** The strong entity tag of the stored bytes when sent as they are (Content-Encoding). */
  public String storedEtag() {
    return "\"" + storedChecksum().value() + "\"";
  }

  /** The strong entity tag of the content: its SHA-256. */
  public String contentEtag() {
    return "\"" + checksum.value() + "\"";
  }

  /** The entity tag of the metadata document, for {@code If-Match} on PATCH. */
  public String metadataEtag() {
    return "\"v" + version + "\"";
  }

  /**
   * When the file moved away in a committed transfer: the {@code updated_at} of its {@code
   * transferred} version (a transferred document never changes again); null for any other status.
   */
  public Instant transferredAt() {
    return status == FileStatus.TRANSFERRED ? updatedAt : null;
  }

  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** A copy with new user metadata, {@code updated_at} and version + 1. */
  public FileAttributes withUserMetadata(
      String newDescription, List<String> newTags, Map<String, String> newMetadata, Instant now) {
    return new FileAttributes(
        SCHEMA_VERSION,
        fileId,
        originalFilename,
        storageFilename,
        storagePath,
        sizeBytes,
        contentType,
        checksum,
        createdAt,
        now,
        uploadedBy,
        newDescription,
        newTags,
        newMetadata,
        retentionPolicy,
        ttlDays,
        expiresAt,
        status,
        storageElementId,
        version + 1,
        storedEncoding);
  }

  /** A copy with a new status, {@code updated_at} and version + 1. */
  public FileAttributes withStatus(FileStatus newStatus, Instant now) {
    return new FileAttributes(
        SCHEMA_VERSION,
        fileId,
        originalFilename,
        storageFilename,
        storagePath,
        sizeBytes,
        contentType,
        checksum,
        createdAt,
        now,
        uploadedBy,
        description,
        tags,
        metadata,
        retentionPolicy,
        ttlDays,
        expiresAt,
        newStatus,
        storageElementId,
        version + 1,
        storedEncoding);
  }

  /** SHA-256 of the content, lower-case hex. */
  public record Checksum(String algorithm, String value) {
    public static final String SHA256 = "sha256";

    public Checksum {
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(value, "value");
    }

    public static Checksum sha256(String hex) {
      return new Checksum(SHA256, hex);
    }
  }

  /**
   * A data file stored compressed: the algorithm, and the size and SHA-256 of the stored bytes, so
   * fixity, recovery and the consistency check verify the data file without decompressing it.
   * {@code size_bytes} and {@code checksum} of the document keep describing the original bytes.
   */
  public record StoredEncoding(Compression compression, long sizeBytes, Checksum checksum) {
    public StoredEncoding {
      Objects.requireNonNull(compression, "compression");
      Objects.requireNonNull(checksum, "checksum");
      if (compression == Compression.NONE) {
        throw new IllegalArgumentException("an uncompressed file has no stored encoding");
      }
    }
  }

  /** Who uploaded the file: the token's subject and name. */
  public record Uploader(String id, String name) {}
}
