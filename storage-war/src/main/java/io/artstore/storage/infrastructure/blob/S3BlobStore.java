package io.artstore.storage.infrastructure.blob;

import io.minio.AbortMultipartUploadArgs;
import io.minio.BucketExistsArgs;
import io.minio.ComposeObjectArgs;
import io.minio.CopyObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.Http;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The blob store in an S3 bucket (AWS, MinIO, Ceph RGW, ...), under an optional key prefix.
 *
 * <p>A data write streams through a small {@link BoundedPipe} into a multipart upload run by the
 * MinIO client on a thread of this store: memory is one part ({@link S3Settings#partSizeBytes()})
 * plus the pipe, whatever the object's size. S3 has no rename, so the object appears at its key
 * when the upload completes, i.e. at {@link DataWrite#finish()}; {@link DataWrite#publish()} has
 * nothing left to do. An upload that fails or is aborted before finish is aborted on the server
 * (the client does that itself on any error), so nothing appears at the key.
 */
public final class S3BlobStore implements BlobStore {
  private static final Logger LOG = Logger.getLogger(S3BlobStore.class.getName());

  private static final int PIPE_CAPACITY = 256 * 1024;
  private static final long PROBE_TIMEOUT_MILLIS = 3_000;
  private static final long ABORT_WAIT_SECONDS = 30;
  private static final String DATA_CONTENT_TYPE = "application/octet-stream";
  private static final String SMALL_CONTENT_TYPE = "application/json";
  private static final Set<String> NO_SUCH_KEY = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

  private final String bucket;
  private final String prefix;
  private final long partSize;
  private final MinioAsyncClient client;
  private final MinioAsyncClient probeClient;
  private final ExecutorService uploads;

  public S3BlobStore(S3Settings settings) {
    this(settings, Http.newDefaultClient());
  }

  /**
   * With the HTTP settings of {@code template} but a dispatcher and connection pool of its own
   * (closed with the store). Building MinIO's default client parses every certificate named by
   * SSL_CERT_FILE and SSL_CERT_DIR, a second or so: tests share one template.
   */
  S3BlobStore(S3Settings settings, OkHttpClient template) {
    this.bucket = settings.bucket();
    this.prefix = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
    this.partSize = settings.partSizeBytes();

    OkHttpClient http =
        template
            .newBuilder()
            .dispatcher(new Dispatcher())
            .connectionPool(new ConnectionPool())
            .build();
    // The client reads the next part of a streamed upload on the OkHttp thread that completed the
    // previous part's request, and OkHttp counts that call as running until its callback returns.
    // With the default of 5 requests per host, 5 uploads waiting for their writers' bytes would
    // queue every other request to the endpoint behind them.
    http.dispatcher().setMaxRequests(256);
    http.dispatcher().setMaxRequestsPerHost(256);
    this.client = build(settings, http, true);
    // Same connection pool and dispatcher, but a readiness probe gives up quickly.
    OkHttpClient probeHttp =
        http.newBuilder().callTimeout(PROBE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).build();
    this.probeClient = build(settings, probeHttp, false);
    this.uploads = Executors.newCachedThreadPool(daemonThreads("artstore-s3-upload-"));
  }

  private static MinioAsyncClient build(S3Settings settings, OkHttpClient http, boolean owner) {
    MinioAsyncClient.Builder builder =
        MinioAsyncClient.builder().endpoint(settings.endpoint()).httpClient(http, owner);
    if (settings.region() != null) {
      builder.region(settings.region());
    }
    if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
      builder.credentials(settings.accessKey(), settings.secretKey());
    }
    return builder.build();
  }

  private static ThreadFactory daemonThreads(String namePrefix) {
    AtomicInteger counter = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public String type() {
    return "s3";
  }

  /** Creates the bucket when it does not exist yet. */
  public void ensureBucket() throws IOException {
    if (Boolean.TRUE.equals(await(client.bucketExists(bucketExists())))) {
      return;
    }
    try {
      await(client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build()));
    } catch (IOException e) {
      if (!"BucketAlreadyOwnedByYou".equals(errorCode(e))) {
        throw e;
      }
    }
  }

  private BucketExistsArgs bucketExists() {
    return BucketExistsArgs.builder().bucket(bucket).build();
  }

  /** The low-level client, for tests that need to reach under the contract. */
  MinioAsyncClient client() {
    return client;
  }

  String bucket() {
    return bucket;
  }

  /** The object name of a key: {@code prefix/key}. */
  String objectName(String key) {
    return prefix + BlobKeys.requireSafe(key);
  }

  @Override
  public DataWrite createData(String key) throws IOException {
    String object = objectName(key);
    BoundedPipe pipe = new BoundedPipe(PIPE_CAPACITY);
    PutObjectArgs args =
        PutObjectArgs.builder().bucket(bucket).object(object).stream(pipe.source(), -1L, partSize)
            .contentType(DATA_CONTENT_TYPE)
            .build();
    CompletableFuture<ObjectWriteResponse> upload;
    try {
      // putObject reads the first part on the calling thread before it returns its future: that
      // blocks until the writer has written a part, hence a thread of our own.
      upload =
          CompletableFuture.supplyAsync(() -> client.putObject(args), uploads)
              .thenCompose(future -> future);
    } catch (RuntimeException e) {
      throw new IOException("cannot start an upload (store closed?)", e);
    }
    // An upload that ends (failure included) stops the writer instead of leaving it blocked.
    upload.whenComplete((response, failure) -> pipe.closeSource(failure));
    return new S3DataWrite(key, pipe, upload);
  }

  private final class S3DataWrite implements DataWrite {
    private final String key;
    private final BoundedPipe pipe;
    private final CompletableFuture<ObjectWriteResponse> upload;
    private State state = State.WRITING;

    S3DataWrite(String key, BoundedPipe pipe, CompletableFuture<ObjectWriteResponse> upload) {
      this.key = key;
      this.pipe = pipe;
      this.upload = upload;
    }

    @Override
    public OutputStream stream() {
      return pipe.sink();
    }

    @Override
    public synchronized void finish() throws IOException {
      switch (state) {
        case FINISHED:
          return;
        case WRITING:
          break;
        default:
          throw new IllegalStateException("write already " + state.name().toLowerCase());
      }
      pipe.sink().close();
      try {
        await(upload);
      } catch (IOException e) {
        state = State.ABORTED; // the client has aborted the multipart upload
        throw e;
      }
      state = State.FINISHED;
    }

    @Override
    public synchronized void publish() {
      if (state != State.FINISHED) {
        throw new IllegalStateException("publish of a write that is " + state);
      }
      // The completed upload is already visible at the key, atomically: nothing to do.
      state = State.PUBLISHED;
    }

    @Override
    public synchronized void abort() {
      State previous = state;
      if (previous == State.PUBLISHED || previous == State.ABORTED) {
        return;
      }
      state = State.ABORTED;
      if (previous == State.WRITING) {
        // The client's read fails, so it aborts the multipart upload (or never starts it).
        pipe.failSink(new IOException("write aborted"));
        try {
          upload.get(ABORT_WAIT_SECONDS, TimeUnit.SECONDS);
          LOG.warning(() -> "upload of " + key + " completed despite its abort");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException expected) {
          // the failure the abort asked for
        } catch (TimeoutException e) {
          LOG.warning(() -> "abort of the upload of " + key + " still running");
        }
        return;
      }
      // FINISHED: the object is at the key already; an abort before publish takes it back.
      try {
        await(client.removeObject(removeArgs(key)));
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not remove aborted object " + key, e);
      }
    }
  }

  private enum State {
    WRITING,
    FINISHED,
    PUBLISHED,
    ABORTED
  }

  @Override
  public void putSmall(String key, byte[] content) throws IOException {
    await(
        client.putObject(
            PutObjectArgs.builder()
                .bucket(bucket)
                .object(objectName(key))
                .data(content, content.length)
                .contentType(SMALL_CONTENT_TYPE)
                .build()));
  }

  @Override
  public Optional<byte[]> readSmall(String key, int maxBytes) throws IOException {
    GetObjectArgs args = GetObjectArgs.builder().bucket(bucket).object(objectName(key)).build();
    GetObjectResponse response;
    try {
      response = await(client.getObject(args));
    } catch (IOException e) {
      if (isNoSuchKey(e)) {
        return Optional.empty();
      }
      throw e;
    }
    try (InputStream in = response) {
      String length = response.headers().get("Content-Length");
      if (length != null && Long.parseLong(length) > maxBytes) {
        throw new IOException(key + " has " + length + " bytes, more than " + maxBytes);
      }
      byte[] content = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
      if (content.length > maxBytes) {
        throw new IOException(key + " has more than " + maxBytes + " bytes");
      }
      return Optional.of(content);
    }
  }

  @Override
  public InputStream open(String key, long offset, long length) throws IOException {
    if (offset < 0) {
      throw new IllegalArgumentException("negative offset " + offset);
    }
    String object = objectName(key);
    if (length == 0) {
      if (stat(key).isEmpty()) {
        throw new NoSuchFileException(key);
      }
      return InputStream.nullInputStream();
    }
    GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(bucket).object(object);
    if (offset > 0 || length > 0) {
      args.offset(offset);
    }
    if (length > 0) {
      args.length(length);
    }
    try {
      return await(client.getObject(args.build()));
    } catch (IOException e) {
      if (isNoSuchKey(e)) {
        throw new NoSuchFileException(key);
      }
      if ("InvalidRange".equals(errorCode(e)) && stat(key).isPresent()) {
        return InputStream.nullInputStream(); // offset at or past the end, as on disk
      }
      throw e;
    }
  }

  @Override
  public Optional<BlobStat> stat(String key) throws IOException {
    try {
      StatObjectResponse response =
          await(
              client.statObject(
                  StatObjectArgs.builder().bucket(bucket).object(objectName(key)).build()));
      Instant modified =
          response.lastModified() == null ? Instant.EPOCH : response.lastModified().toInstant();
      return Optional.of(new BlobStat(key, response.size(), modified));
    } catch (IOException e) {
      if (isNoSuchKey(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The largest object a single server-side copy may produce (S3's limit). */
  private static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;

  @Override
  public void move(String from, String to) throws IOException {
    Optional<BlobStat> source = stat(from);
    if (source.isEmpty()) {
      if (stat(to).isPresent()) {
        return; // copied and removed before
      }
      throw new NoSuchFileException(from);
    }
    SourceObject object = SourceObject.builder().bucket(bucket).object(objectName(from)).build();
    if (source.get().size() <= MAX_SINGLE_COPY) {
      await(
          client.copyObject(
              CopyObjectArgs.builder()
                  .bucket(bucket)
                  .object(objectName(to))
                  .source(object)
                  .build()));
    } else {
      // Larger objects are copied part by part (UploadPartCopy), still inside the store.
      await(
          client.composeObject(
              ComposeObjectArgs.builder()
                  .bucket(bucket)
                  .object(objectName(to))
                  .sources(List.of(object))
                  .build()));
    }
    await(client.removeObject(removeArgs(from)));
  }

  @Override
  public boolean delete(String key) throws IOException {
    // DELETE answers 204 whether or not the object existed: ask first for the answer.
    if (stat(key).isEmpty()) {
      return false;
    }
    await(client.removeObject(removeArgs(key)));
    return true;
  }

  private RemoveObjectArgs removeArgs(String key) {
    return RemoveObjectArgs.builder().bucket(bucket).object(objectName(key)).build();
  }

  @Override
  public void walk(Consumer<BlobStat> visitor) throws IOException {
    Iterable<Result<Item>> results =
        client.listObjects(
            ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build());
    for (Result<Item> result : results) {
      Item item;
      try {
        item = result.get();
      } catch (MinioException e) {
        throw asIOException(e);
      }
      String name = item.objectName();
      if (item.isDir() || name == null || !name.startsWith(prefix)) {
        continue;
      }
      String key = name.substring(prefix.length());
      if (key.isEmpty() || BlobKeys.isHidden(key)) {
        continue;
      }
      Instant modified =
          item.lastModified() == null ? Instant.EPOCH : item.lastModified().toInstant();
      visitor.accept(new BlobStat(key, item.size(), modified));
    }
  }

  /**
   * Aborts every incomplete multipart upload under the prefix: what a crash during a data write
   * leaves. Called at start-up, before this store's own uploads begin; an element that shares its
   * bucket and prefix with another running element would abort that one's uploads. (A bucket
   * lifecycle rule "AbortIncompleteMultipartUpload" is the belt to these braces: incomplete uploads
   * are invisible to GET and LIST but are billed.)
   */
  @Override
  public int removeTemporaries() throws IOException {
    int removed = 0;
    String keyMarker = null;
    String uploadIdMarker = null;
    while (true) {
      ListMultipartUploadsArgs.Builder args = ListMultipartUploadsArgs.builder().bucket(bucket);
      if (!prefix.isEmpty()) {
        args.prefix(prefix);
      }
      if (keyMarker != null && !keyMarker.isEmpty()) {
        args.keyMarker(keyMarker);
      }
      if (uploadIdMarker != null && !uploadIdMarker.isEmpty()) {
        args.uploadIdMarker(uploadIdMarker);
      }
      ListMultipartUploadsResult result = await(client.listMultipartUploads(args.build())).result();
      List<ListMultipartUploadsResult.Upload> pending = result.uploads();
      if (pending != null) {
        for (ListMultipartUploadsResult.Upload upload : pending) {
          try {
            await(
                client.abortMultipartUpload(
                    AbortMultipartUploadArgs.builder()
                        .bucket(bucket)
                        .object(upload.objectName())
                        .uploadId(upload.uploadId())
                        .build()));
            removed++;
          } catch (IOException e) {
            if (!"NoSuchUpload".equals(errorCode(e))) {
              throw e;
            }
          }
        }
      }
      if (!result.isTruncated()) {
        return removed;
      }
      keyMarker = result.nextKeyMarker();
      uploadIdMarker = result.nextUploadIdMarker();
      if ((keyMarker == null || keyMarker.isEmpty())
          && (uploadIdMarker == null || uploadIdMarker.isEmpty())) {
        return removed;
      }
    }
  }

  @Override
  public OptionalLong usableSpace() {
    return OptionalLong.empty();
  }

  @Override
  public boolean reachable() {
    CompletableFuture<Boolean> probe;
    try {
      probe = probeClient.bucketExists(bucketExists());
    } catch (RuntimeException e) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(probe.get(PROBE_TIMEOUT_MILLIS + 500, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.FINE, "S3 probe failed", e);
      return false;
    }
  }

  @Override
  public void close() {
    uploads.shutdownNow();
    probeClient.close();
    client.close(); // shuts the OkHttp dispatcher's threads down and empties the pool
  }

  private static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException ioe = new InterruptedIOException("interrupted waiting for S3");
      ioe.initCause(e);
      throw ioe;
    } catch (ExecutionException e) {
      throw asIOException(e.getCause());
    }
  }

  private static IOException asIOException(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof IOException io) {
      return io;
    }
    return new IOException("S3: " + cause, cause);
  }

  /** The S3 error code in a failure's causes, or null. */
  private static String errorCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ErrorResponseException e && e.errorResponse() != null) {
        return e.errorResponse().code();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static boolean isNoSuchKey(Throwable failure) {
    String code = errorCode(failure);
    return code != null && NO_SUCH_KEY.contains(code);
  }
}
