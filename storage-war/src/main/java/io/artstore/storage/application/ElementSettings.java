package io.artstore.storage.application;

import io.artstore.storage.domain.ByteSize;
import io.artstore.storage.domain.ElementId;
import io.artstore.storage.domain.ElementMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This element's static configuration (read at start; SPEC §2.4). Each key is also an environment
 * variable: {@code artstore.se.id} is {@code ARTSTORE_SE_ID}, and so on.
 */
@ApplicationScoped
public class ElementSettings {
  @Inject
  @ConfigProperty(name = "artstore.se.id")
  String id;

  @Inject
  @ConfigProperty(name = "artstore.se.name")
  Optional<String> name;

  @Inject
  @ConfigProperty(name = "artstore.se.display-name")
  Optional<String> displayName;

  @Inject
  @ConfigProperty(name = "artstore.se.mode")
  String mode;

  @Inject
  @ConfigProperty(name = "artstore.se.priority", defaultValue = "100")
  int priority;

  @Inject
  @ConfigProperty(name = "artstore.se.max-size")
  Optional<String> maxSize;

  @Inject
  @ConfigProperty(name = "artstore.se.retention-days", defaultValue = "30")
  int retentionDays;

  @Inject
  @ConfigProperty(name = "artstore.se.data-dir")
  Optional<String> dataDir;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String runDataDir;

  @Inject
  @ConfigProperty(name = "artstore.se.wal-dir")
  Optional<String> walDir;

  @Inject
  @ConfigProperty(name = "artstore.se.max-file-size")
  Optional<String> maxFileSize;

  @Inject
  @ConfigProperty(name = "artstore.se.storage-type", defaultValue = "local")
  String storageType;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.endpoint")
  Optional<String> s3Endpoint;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.region", defaultValue = "us-east-1")
  String s3Region;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.bucket")
  Optional<String> s3Bucket;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.prefix")
  Optional<String> s3Prefix;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.access-key")
  Optional<String> s3AccessKey;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.secret-key")
  Optional<String> s3SecretKey;

  @Inject
  @ConfigProperty(name = "artstore.se.s3.part-size", defaultValue = "16MiB")
  String s3PartSize;

  @Inject
  @ConfigProperty(name = "artstore.se.fixity.interval", defaultValue = "P7D")
  String fixityInterval;

  @Inject
  @ConfigProperty(name = "artstore.se.ttl.day", defaultValue = "P1D")
  String ttlDay;

  @Inject
  @ConfigProperty(name = "artstore.se.withdraw.window", defaultValue = "PT15M")
  String withdrawWindow;

  @Inject
  @ConfigProperty(name = "artstore.se.transfer.removal.margin", defaultValue = "PT1H")
  String transferRemovalMargin;

  @Inject
  @ConfigProperty(name = "artstore.se.staging.ttl", defaultValue = "PT1H")
  String stagingTtl;

  @Inject
  @ConfigProperty(name = "artstore.se.transfer.tombstone.ttl", defaultValue = "P7D")
  String transferTombstoneTtl;

  @Inject
  @ConfigProperty(name = "artstore.se.fixity.rate", defaultValue = "50MiB")
  String fixityRate;

  public String id() {
    if (!ElementId.isValid(id)) {
      throw new IllegalStateException(
          "ARTSTORE_SE_ID '" + id + "' is not a valid element id (a-z, 0-9, '-', '_'; 1-63)");
    }
    return id;
  }

  public String name() {
    return name.orElse(id());
  }

  public String displayName() {
    return displayName.orElse(name());
  }

  public ElementMode configuredMode() {
    return ElementMode.parse(mode)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "ARTSTORE_SE_MODE '" + mode + "' is not edit, rw, ro or ar"));
  }

  public int priority() {
    return priority;
  }

  /** The configured maximum, if any; the disk's real free space bounds it either way. */
  public OptionalLong maxSizeBytes() {
    return maxSize
        .filter(s -> !s.isBlank())
        .map(ByteSize::parse)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  /** Default retention of temporary files, reported for {@code edit} elements only. */
  public int retentionDays() {
    return retentionDays;
  }

  /** Largest single file accepted; 0 = no limit but capacity. */
  public long maxFileSizeBytes() {
    return maxFileSize.filter(s -> !s.isBlank()).map(ByteSize::parse).orElse(0L);
  }

  /** {@code ARTSTORE_SE_WAL_DIR}; default {@code <data dir>/.wal}. */
  public Optional<Path> walDir() {
    return walDir.filter(s -> !s.isBlank()).map(Path::of).map(p -> p.toAbsolutePath().normalize());
  }

  /** {@code local} (default) or {@code s3}. */
  public String storageType() {
    return storageType.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** The S3 settings; start-up fails with the missing key's name when one is absent. */
  public S3 s3() {
    return new S3(
        require(s3Endpoint, "ARTSTORE_SE_S3_ENDPOINT"),
        s3Region,
        require(s3Bucket, "ARTSTORE_SE_S3_BUCKET"),
        s3Prefix.orElse(id()),
        require(s3AccessKey, "ARTSTORE_SE_S3_ACCESS_KEY"),
        require(s3SecretKey, "ARTSTORE_SE_S3_SECRET_KEY"),
        ByteSize.parse(s3PartSize));
  }

  /** S3 connection settings of the element (the secret is never logged). */
  public record S3(
      String endpoint,
      String region,
      String bucket,
      String prefix,
      String accessKey,
      String secretKey,
      long partSizeBytes) {
    @Override
    public String toString() {
      return "S3[" + endpoint + ", bucket " + bucket + ", prefix " + prefix + "]";
    }
  }

  private static String require(Optional<String> value, String name) {
    return value
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new IllegalStateException(name + " is required for an S3 element"));
  }

  /** How often the scheduled fixity check re-hashes everything (ISO-8601 duration; 0 = never). */
  public java.time.Duration fixityInterval() {
    return java.time.Duration.parse(fixityInterval.trim());
  }

  /**
   * How long one day of {@code ttl_days} lasts: one day, except in tests that need temporary files
   * to expire within seconds ({@code ARTSTORE_SE_TTL_DAY=PT2S}). Never shorter than a second.
   */
  public java.time.Duration ttlDay() {
    java.time.Duration day = java.time.Duration.parse(ttlDay.trim());
    if (day.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
      throw new IllegalStateException("ARTSTORE_SE_TTL_DAY must be at least PT1S: " + ttlDay);
    }
    return day;
  }

  /**
   * {@code ARTSTORE_SE_WITHDRAW_WINDOW}: how long after its upload the ingester may still withdraw
   * a file it could not register (ISO-8601 duration, default 15 minutes; 0 = never).
   */
  public java.time.Duration withdrawWindow() {
    java.time.Duration window = java.time.Duration.parse(withdrawWindow.trim());
    if (window.isNegative()) {
      throw new IllegalStateException(
          "ARTSTORE_SE_WITHDRAW_WINDOW must not be negative: " + withdrawWindow);
    }
    return window;
  }

  /**
   * {@code ARTSTORE_SE_TRANSFER_REMOVAL_MARGIN}: how long the copy a committed transfer left on its
   * source stays before GC may remove it (ISO-8601 duration, default one hour).
   */
  public java.time.Duration transferRemovalMargin() {
    return nonNegative(transferRemovalMargin, "ARTSTORE_SE_TRANSFER_REMOVAL_MARGIN");
  }

  /**
   * {@code ARTSTORE_SE_STAGING_TTL}: how long a staged copy may wait for its prepare before it is
   * removed as abandoned (ISO-8601 duration, default one hour; at least a second).
   */
  public java.time.Duration stagingTtl() {
    java.time.Duration ttl = nonNegative(stagingTtl, "ARTSTORE_SE_STAGING_TTL");
    if (ttl.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
      throw new IllegalStateException("ARTSTORE_SE_STAGING_TTL must be at least PT1S");
    }
    return ttl;
  }

  /**
   * {@code ARTSTORE_SE_TRANSFER_TOMBSTONE_TTL}: how long a committed or rolled-back branch is
   * remembered, so that a repeated commit or rollback gets the same answer (default 7 days).
   */
  public java.time.Duration transferTombstoneTtl() {
    return nonNegative(transferTombstoneTtl, "ARTSTORE_SE_TRANSFER_TOMBSTONE_TTL");
  }

  private static java.time.Duration nonNegative(String value, String name) {
    java.time.Duration d;
    try {
      d = java.time.Duration.parse(value.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalStateException(name + " is not an ISO-8601 duration: " + value);
    }
    if (d.isNegative()) {
      throw new IllegalStateException(name + " must not be negative: " + value);
    }
    return d;
  }

  /** Read budget of the fixity check, bytes per second. */
  public long fixityRateBytesPerSecond() {
    return ByteSize.parse(fixityRate);
  }

  /** {@code ARTSTORE_SE_DATA_DIR}, else {@code <ARTSTORE_DATA_DIR>/elements/<id>}. */
  public Path dataDir() {
    return dataDir
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(() -> Path.of(runDataDir).resolve("elements").resolve(id()))
        .toAbsolutePath()
        .normalize();
  }
}
