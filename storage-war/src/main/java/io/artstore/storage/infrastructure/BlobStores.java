package io.artstore.storage.infrastructure;

import io.artstore.storage.application.ElementSettings;
import io.artstore.storage.infrastructure.blob.BlobStore;
import io.artstore.storage.infrastructure.blob.LocalBlobStore;
import io.artstore.storage.infrastructure.blob.S3BlobStore;
import io.artstore.storage.infrastructure.blob.S3Settings;

/** Opens the blob store the element is configured for ({@code ARTSTORE_SE_STORAGE_TYPE}). */
public final class BlobStores {
  private BlobStores() {}

  public static BlobStore create(ElementSettings settings) {
    return switch (settings.storageType()) {
      case "local" -> new LocalBlobStore(settings.dataDir());
      case "s3" -> {
        ElementSettings.S3 s3 = settings.s3();
        if (settings.maxSizeBytes().isEmpty()) {
          throw new IllegalStateException(
              "An S3 element needs ARTSTORE_SE_MAX_SIZE: a bucket reports no free space");
        }
        S3BlobStore store =
            new S3BlobStore(
                new S3Settings(
                    s3.endpoint(),
                    s3.region(),
                    s3.bucket(),
                    s3.prefix(),
                    s3.accessKey(),
                    s3.secretKey(),
                    s3.partSizeBytes()));
        try {
          store.ensureBucket();
        } catch (java.io.IOException e) {
          store.close();
          throw new IllegalStateException("S3 bucket " + s3.bucket() + " not usable: " + e, e);
        }
        yield store;
      }
      default ->
          throw new IllegalStateException(
              "ARTSTORE_SE_STORAGE_TYPE '" + settings.storageType() + "' is not local or s3");
    };
  }
}
