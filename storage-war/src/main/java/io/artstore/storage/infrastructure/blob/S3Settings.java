package io.artstore.storage.infrastructure.blob;

import java.util.Objects;

/**
 * Where an S3 blob store keeps its objects.
 *
 * @param endpoint the S3 endpoint URL, e.g. {@code https://s3.eu-central-1.amazonaws.com} or {@code
 *     http://minio:9000}
 * @param region the region; null or blank lets the client discover it
 * @param bucket the bucket, created when missing
 * @param prefix the key prefix of this element's objects; empty for the bucket's root; leading and
 *     trailing slashes are dropped
 * @param partSizeBytes multipart part size of data uploads, also the memory a running upload holds;
 *     0 or less means {@value #DEFAULT_PART_SIZE}; at least {@value #MIN_PART_SIZE}
 */
public record S3Settings(
    String endpoint,
    String region,
    String bucket,
    String prefix,
    String accessKey,
    String secretKey,
    long partSizeBytes) {

  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
  public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("blank bucket");
    }
    region = region == null || region.isBlank() ? null : region.strip();
    prefix = normalizePrefix(prefix);
    if (partSizeBytes <= 0) {
      partSizeBytes = DEFAULT_PART_SIZE;
    }
    if (partSizeBytes < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "S3 part size " + partSizeBytes + " is below the minimum of " + MIN_PART_SIZE);
    }
  }

  private static String normalizePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String p = prefix.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.contains("//")) {
      throw new IllegalArgumentException("S3 prefix with an empty segment: " + prefix);
    }
    return p;
  }

  /** Never prints the secret key. */
  @Override
  public String toString() {
    return "S3Settings[endpoint="
        + endpoint
        + ", region="
        + region
        + ", bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", accessKey="
        + accessKey
        + ", partSizeBytes="
        + partSizeBytes
        + "]";
  }
}
