package io.artstore.storage.infrastructure.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.CreateMultipartUploadArgs;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.StatObjectArgs;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real S3 protocol server: S3Proxy, in memory, in this JVM. */
class S3BlobStoreTest extends BlobStoreContractTest {
  private static final String ACCESS_KEY = "artstore-test";
  private static final String SECRET_KEY = "artstore-test-secret";
  private static final String BUCKET = "artstore-blobs";
  private static final long PART_SIZE = S3Settings.MIN_PART_SIZE;

  private static S3Proxy proxy;
  private static String endpoint;
  private static OkHttpClient http;

  @BeforeAll
  static void startS3() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new TransientNio2BlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    endpoint = "http://127.0.0.1:" + proxy.getPort();
    http = Http.newDefaultClient(); // once: it parses every certificate of SSL_CERT_DIR
  }

  @AfterAll
  static void stopS3() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
  }

  private static S3Settings settings(String bucket, String prefix) {
    return new S3Settings(endpoint, "us-east-1", bucket, prefix, ACCESS_KEY, SECRET_KEY, PART_SIZE);
  }

  /** Every test gets a prefix of its own in the one bucket. */
  @Override
  protected BlobStore newStore() throws Exception {
    S3BlobStore s3 =
        new S3BlobStore(settings(BUCKET, "/elements/" + UUID.randomUUID() + "/"), http);
    s3.ensureBucket();
    return s3;
  }

  @Override
  protected boolean visibleAfterFinish() {
    return true;
  }

  /** What a crash during an upload leaves: a multipart upload begun and never completed. */
  @Override
  protected void leaveTemporary(String key) throws Exception {
    S3BlobStore s3 = (S3BlobStore) store;
    s3.client()
        .createMultipartUpload(
            CreateMultipartUploadArgs.builder()
                .bucket(s3.bucket())
                .object(s3.objectName(key))
                .build())
        .join();
  }

  @Test
  void keysLiveUnderThePrefix() throws Exception {
    S3BlobStore s3 = (S3BlobStore) store;
    writeData(DATA_KEY, bytes("x"));

    String object = s3.objectName(DATA_KEY);
    assertTrue(object.startsWith("elements/") && object.endsWith("/" + DATA_KEY), object);
    assertFalse(object.contains("//"), object);
    s3.client().statObject(StatObjectArgs.builder().bucket(BUCKET).object(object).build()).join();
  }

  @Test
  void worksAtTheRootOfItsOwnBucket() throws Exception {
    try (S3BlobStore root =
        new S3BlobStore(settings("artstore-root-" + UUID.randomUUID(), ""), http)) {
      root.ensureBucket();
      root.ensureBucket(); // idempotent
      root.putSmall(ATTR_KEY, bytes("{}"));
      assertEquals(DATA_KEY + ".attr.json", root.objectName(ATTR_KEY));
      Map<String, Long> keys = new java.util.TreeMap<>();
      root.walk(stat -> keys.put(stat.key(), stat.size()));
      assertEquals(Map.of(ATTR_KEY, 2L), keys);
      assertEquals(0, root.removeTemporaries());
    }
  }

  @Test
  void bigDataIsAMultipartUpload() throws Exception {
    S3BlobStore s3 = (S3BlobStore) store;
    try (BlobStore.DataWrite write = store.createData(DATA_KEY)) {
      writePattern(write.stream(), 2 * PART_SIZE + 1);
      write.finish();
      write.publish();
    }

    String etag =
        s3.client()
            .statObject(
                StatObjectArgs.builder().bucket(BUCKET).object(s3.objectName(DATA_KEY)).build())
            .join()
            .etag();
    assertTrue(etag.endsWith("-3"), "ETag of a 3-part upload: " + etag);
  }

  @Test
  void abortAbortsTheMultipartUploadOnTheServer() throws Exception {
    S3BlobStore s3 = (S3BlobStore) store;
    BlobStore.DataWrite write = store.createData(DATA_KEY);
    writePattern(write.stream(), PART_SIZE + 1024);
    // The first part is read: the upload gets created on the server. Bounded wait for it.
    for (int i = 0; i < 200 && pendingUploads(s3) == 0; i++) {
      Thread.sleep(50);
    }
    assertEquals(1, pendingUploads(s3), "upload under way");

    write.abort();

    assertEquals(0, pendingUploads(s3));
    assertEquals(Optional.empty(), store.stat(DATA_KEY));
  }

  private static int pendingUploads(S3BlobStore s3) {
    var uploads =
        s3.client()
            .listMultipartUploads(
                ListMultipartUploadsArgs.builder()
                    .bucket(BUCKET)
                    .prefix(s3.objectName(DATA_KEY))
                    .build())
            .join()
            .result()
            .uploads();
    return uploads == null ? 0 : uploads.size();
  }

  @Test
  void refusesUnsafeKeysToo() {
    assertThrows(IllegalArgumentException.class, () -> store.putSmall("../x", new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> store.stat("a//b"));
  }

  @Test
  void describesItself() throws Exception {
    assertEquals("s3", store.type());
    assertTrue(store.usableSpace().isEmpty());
  }

  @Test
  void unreachableEndpointIsNotReachable() {
    try (S3BlobStore nowhere =
        new S3BlobStore(
            new S3Settings(
                "http://127.0.0.1:1", "us-east-1", BUCKET, "", ACCESS_KEY, SECRET_KEY, 0),
            http)) {
      assertFalse(nowhere.reachable());
    }
  }
}
