package io.artstore.ingester.application;

import io.artstore.ingester.domain.ContentDigests;
import io.artstore.ingester.domain.ElementChoice;
import io.artstore.ingester.domain.Placement;
import io.artstore.ingester.domain.UploadFields;
import io.artstore.ingester.domain.UploadFields.Field;
import io.artstore.ingester.domain.UploadFields.FieldException;
import io.artstore.ingester.infrastructure.ElementFiles;
import io.artstore.ingester.infrastructure.ElementUploadClient;
import io.artstore.ingester.infrastructure.ElementUploadClient.Answer;
import io.artstore.ingester.infrastructure.ElementUploadClient.ClientBodyException;
import io.artstore.ingester.infrastructure.ElementUploadClient.ElementFailure;
import io.artstore.ingester.infrastructure.MultipartWriter;
import io.artstore.ingester.infrastructure.UploadIntentRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.api.multipart.Limits;
import io.artstore.shared.api.multipart.MultipartException;
import io.artstore.shared.api.multipart.MultipartReader;
import io.artstore.shared.api.multipart.Part;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementRefusals;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.discovery.DiscoveredElement;
import io.artstore.shared.discovery.DiscoveryClient;
import io.artstore.shared.resilience.CircuitBreaker;
import io.artstore.shared.security.ServiceTokens;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An upload through the ingester (SPEC §5.1): the client's multipart body is read as it arrives and
 * written on to the chosen element as it goes, then the stored file is registered with admin. A 201
 * means stored and registered; every other ending leaves nothing visible behind (the stored copy is
 * withdrawn, or the upload intent stays for the {@link IntentSweeper} to settle).
 */
@ApplicationScoped
public class UploadService {
  private static final Logger LOG = Logger.getLogger(UploadService.class.getName());
  private static final int MAX_FIELD_BYTES = 64 * 1024;
  private static final int COPY_BUFFER = 64 * 1024;

  @Inject DiscoveryClient discovery;
  @Inject ServiceTokens tokens;
  @Inject ElementBreakers breakers;
  @Inject IngestSettings settings;
  @Inject IngestMetrics metrics;
  @Inject UploadIntentRepository intents;
  @Inject Registration registration;
  @Inject ElementFiles elements;

  private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
  private ElementUploadClient client;

  @PostConstruct
  void init() {
    client = new ElementUploadClient(settings.connectTimeout(), settings.answerTimeout());
  }

  /** The client's request as it arrived. */
  public record UploadRequest(
      String contentType,
      long contentLength,
      String contentDigest,
      String reprDigest,
      InputStream body,
      Caller caller) {}

  /** Whether an upload of this ingester is still running (the sweeper leaves those alone). */
  boolean inFlight(UUID fileId) {
    return inFlight.contains(fileId);
  }

  public StoredFile upload(UploadRequest request) {
    UUID fileId = UUID.randomUUID();
    inFlight.add(fileId);
    try {
      StoredFile uploaded = store(fileId, request);
      metrics.upload("ok");
      return uploaded;
    } catch (ApiException e) {
      metrics.upload(resultOf(e));
      throw e;
    } catch (RuntimeException e) {
      metrics.upload("error");
      throw e;
    } finally {
      inFlight.remove(fileId);
    }
  }

  private StoredFile store(UUID fileId, UploadRequest request) {
    UploadFields fields = new UploadFields();
    List<Field> leading = new ArrayList<>();
    MultipartReader reader;
    Part file;
    try {
      digestHeader(fields, leading, "Content-Digest", request.contentDigest());
      digestHeader(fields, leading, "Repr-Digest", request.reprDigest());
      reader = MultipartReader.of(request.contentType(), request.body(), Limits.defaults());
      while ((file = reader.next()) != null && !"file".equals(file.name())) {
        fields.accept(file.name(), file.readString(MAX_FIELD_BYTES)).ifPresent(leading::add);
      }
      if (file == null) {
        throw ApiException.validation("file", "is required");
      }
    } catch (FieldException e) {
      throw ApiException.validation(e.field(), e.getMessage());
    } catch (MultipartException e) {
      throw new ApiException(
          ProblemCode.BAD_REQUEST, "Malformed multipart body: " + e.getMessage());
    } catch (IOException e) {
      throw unreadableBody();
    }
    Placement placement;
    try {
      placement = fields.fileStarts();
    } catch (FieldException e) {
      throw ApiException.validation(e.field(), e.getMessage());
    }
    ElementChoice choice =
        ElementChoice.of(discovery.elements(), placement, request.contentLength());
    if (choice.outcome() != ElementChoice.Outcome.CANDIDATES) {
      // The snapshot may be one change behind (an element just registered or back): ask again.
      discovery.refreshNow();
      choice = ElementChoice.of(discovery.elements(), placement, request.contentLength());
    }
    switch (choice.outcome()) {
      case NONE_AVAILABLE -> throw noStorage("No online " + placement.mode() + " element.");
      case ALL_FULL ->
          throw new ApiException(
              ProblemCode.STORAGE_FULL,
              "No "
                  + placement.mode()
                  + " element has room for "
                  + request.contentLength()
                  + " bytes.");
      case CANDIDATES -> {}
    }
    String token = serviceToken();
    Attempts attempts =
        new Attempts(
            fileId,
            token,
            request.caller(),
            leading,
            file,
            new ReplayableInput(file.body(), settings.replayBufferBytes()),
            new Trailing(reader, fields));
    Stored stored = attempts.run(choice.candidates(), placement);
    metrics.bytes(attempts.file.total());
    register(stored, token);
    return stored.file();
  }

  private static void digestHeader(
      UploadFields fields, List<Field> leading, String header, String value) {
    try {
      ContentDigests.sha256(value)
          .flatMap(hex -> fields.expectChecksum(hex, header))
          .ifPresent(leading::add);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation(header, e.getMessage());
    }
  }

  private String serviceToken() {
    try {
      return tokens.token();
    } catch (IOException e) {
      throw unavailable("This ingester cannot obtain its service token from admin.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("Interrupted.");
    }
  }

  /** The element's stored file. */
  record Stored(DiscoveredElement element, StoredFile file, String json) {}

  /** The tries of one upload over the candidates, in order. */
  private final class Attempts {
    final UUID fileId;
    final String token;
    final Caller caller;
    final List<Field> leading;
    final Part part;
    final ReplayableInput file;
    final Trailing trailing;
    int tried;
    boolean sawFull;
    boolean sawFailure;
    boolean cannotReplay;

    Attempts(
        UUID fileId,
        String token,
        Caller caller,
        List<Field> leading,
        Part part,
        ReplayableInput file,
        Trailing trailing) {
      this.fileId = fileId;
      this.token = token;
      this.caller = caller;
      this.leading = leading;
      this.part = part;
      this.file = file;
      this.trailing = trailing;
    }

    /** The whole request body when the file is small enough to be held (see readAhead). */
    byte[] whole;

    String wholeBoundary;

    /**
     * A file that ends within the replay buffer is read to its end first and sent in one piece,
     * trailing fields included: memory stays bounded by the buffer, and the element gets one
     * request with its length, read without waiting for the client.
     */
    void readAhead() {
      try {
        if (!file.readAheadWhole()) {
          return;
        }
      } catch (IOException e) {
        throw new ClientBodyException(e);
      }
      java.io.ByteArrayOutputStream body =
          new java.io.ByteArrayOutputStream(settings.replayBufferBytes() / 8);
      String boundary = MultipartWriter.newBoundary();
      try {
        MultipartWriter writer = new MultipartWriter(body, boundary);
        writeBody(writer);
        writer.end();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      file.rewind();
      whole = body.toByteArray();
      wholeBoundary = boundary;
    }

    Stored run(List<DiscoveredElement> candidates, Placement placement) {
      try {
        readAhead();
      } catch (ClientBodyException e) {
        throw e.getCause() instanceof MultipartException m
            ? new ApiException(
                ProblemCode.BAD_REQUEST, "Malformed multipart body: " + m.getMessage())
            : unreadableBody();
      } catch (FieldException e) {
        throw ApiException.validation(e.field(), e.getMessage());
      }
      for (DiscoveredElement element : candidates) {
        if (tried >= settings.maxAttempts()) {
          break;
        }
        if (tried > 0 && !file.rewind()) {
          cannotReplay = true;
          break;
        }
        CircuitBreaker breaker = breakers.of(element.elementId());
        if (!breaker.allowRequest(Instant.now())) {
          metrics.attempt(element.elementId(), "breaker_open");
          continue;
        }
        tried++;
        Stored stored = attempt(element, breaker);
        if (stored != null) {
          return stored;
        }
      }
      if (cannotReplay) {
        throw noStorage(
            "The element failed after the first bytes had been forwarded; send the file again.");
      }
      if (sawFull && !sawFailure) {
        throw new ApiException(
            ProblemCode.STORAGE_FULL, "No " + placement.mode() + " element has room for the file.");
      }
      throw noStorage("No " + placement.mode() + " element could take the file.");
    }

    /** One try; null when the next element should be tried. */
    Stored attempt(DiscoveredElement element, CircuitBreaker breaker) {
      String elementId = element.elementId();
      openIntent(element);
      Answer answer;
      try {
        answer =
            whole != null
                ? client.uploadWhole(element.apiUrl(), token, whole, wholeBoundary)
                : client.upload(element.apiUrl(), token, this::writeBody);
      } catch (ElementFailure e) {
        breaker.onFailure(Instant.now());
        sawFailure = true;
        metrics.attempt(elementId, "failed");
        LOG.log(Level.WARNING, "Upload " + fileId + " to " + elementId + " failed: " + e);
        if (e.stage() == ElementUploadClient.Stage.ANSWER) {
          // The element may have stored it: take it back before trying elsewhere.
          withdraw(element);
        } else {
          settleIntent(element);
        }
        return null;
      } catch (ClientBodyException e) {
        settleIntent(element);
        breaker.onSuccess();
        throw e.getCause() instanceof MultipartException m
            ? new ApiException(
                ProblemCode.BAD_REQUEST, "Malformed multipart body: " + m.getMessage())
            : unreadableBody();
      } catch (FieldException e) {
        settleIntent(element);
        breaker.onSuccess();
        throw ApiException.validation(e.field(), e.getMessage());
      }
      if (answer.status() >= 500 && answer.status() != 507) {
        breaker.onFailure(Instant.now());
        sawFailure = true;
        metrics.attempt(elementId, "failed");
        settleIntent(element);
        return null;
      }
      breaker.onSuccess();
      if (answer.status() == 201) {
        metrics.attempt(elementId, "stored");
        StoredFile stored = JsonbConfigResolver.jsonb().fromJson(answer.body(), StoredFile.class);
        return new Stored(element, stored, answer.body());
      }
      settleIntent(element);
      if (answer.status() == 507) {
        sawFull = true;
        metrics.attempt(elementId, "full");
        return null;
      }
      if (answer.status() == 409 && "MODE_NOT_ALLOWED".equals(codeOf(answer.body()))) {
        // Discovery had not seen the element's new mode yet.
        metrics.attempt(elementId, "mode_changed");
        return null;
      }
      if (answer.status() == 401) {
        sawFailure = true;
        metrics.attempt(elementId, "refused_token");
        return null;
      }
      metrics.attempt(elementId, "refused");
      throw ElementRefusals.of(
          answer.status(), answer.body(), "The storage element refused the file.", elementId);
    }

    void writeBody(MultipartWriter body) throws IOException {
      body.field("file_id", fileId.toString());
      body.field(
          "uploaded_by",
          Json.createObjectBuilder()
              .add("id", caller.id())
              .add("name", caller.name() == null ? caller.id() : caller.name())
              .build()
              .toString());
      for (Field f : leading) {
        body.field(f.name(), f.value());
      }
      body.fileHeader("file", part.filename().orElse(null), part.contentType().orElse(null));
      OutputStream out = body.body();
      byte[] buffer = new byte[COPY_BUFFER];
      int n;
      while ((n = file.read(buffer, 0, buffer.length)) >= 0) {
        out.write(buffer, 0, n);
      }
      body.endFile();
      for (Field f : trailing.fields()) {
        body.field(f.name(), f.value());
      }
    }

    void openIntent(DiscoveredElement element) {
      try {
        intents.open(fileId, element.elementId(), element.apiUrl(), settings.instanceId());
      } catch (SQLException e) {
        throw unavailable("The ingester's database is unavailable.");
      }
    }

    void settleIntent(DiscoveredElement element) {
      UploadService.this.settleIntent(fileId, element);
    }

    void withdraw(DiscoveredElement element) {
      UploadService.this.withdraw(fileId, element, token);
    }
  }

  private void register(Stored stored, String token) {
    try {
      registration.register(stored.json());
      settleIntent(UUID.fromString(stored.file().fileId()), stored.element());
    } catch (IOException | RuntimeException e) {
      UUID fileId = UUID.fromString(stored.file().fileId());
      LOG.log(
          Level.WARNING,
          "File "
              + fileId
              + " stored on "
              + stored.element().elementId()
              + " but not registered with admin ("
              + e
              + "); withdrawing it");
      withdraw(fileId, stored.element(), token);
      throw unavailable("The file could not be registered with admin; it was not kept.");
    }
  }

  /** Takes a stored copy back; when that fails too, the intent stays for the sweeper. */
  void withdraw(UUID fileId, DiscoveredElement element, String token) {
    try {
      var answer = elements.withdraw(element.apiUrl(), fileId, token);
      if (answer.status() == 204 || answer.status() == 404) {
        metrics.compensation("withdrawn");
        settleIntent(fileId, element);
        return;
      }
      metrics.compensation("deferred");
      LOG.warning(
          "Withdrawing "
              + fileId
              + " from "
              + element.elementId()
              + " answered HTTP "
              + answer.status()
              + "; the intent sweeper retries");
    } catch (IOException e) {
      metrics.compensation("deferred");
      LOG.warning(
          "Withdrawing "
              + fileId
              + " from "
              + element.elementId()
              + " failed ("
              + e
              + "); the intent sweeper retries");
    }
  }

  private void settleIntent(UUID fileId, DiscoveredElement element) {
    try {
      intents.settle(fileId, element.elementId());
    } catch (SQLException e) {
      // The sweeper finds the row and settles it the slow way (it asks admin and the element).
      LOG.log(Level.WARNING, "Upload intent " + fileId + " not removed: " + e);
    }
  }

  private static String codeOf(String body) {
    JsonObject problem = ElementRefusals.parse(body);
    return problem == null ? null : problem.getString("code", null);
  }

  private ApiException noStorage(String detail) {
    return retryLater(ProblemCode.NO_STORAGE_AVAILABLE, detail);
  }

  private ApiException unavailable(String detail) {
    return retryLater(ProblemCode.SERVICE_UNAVAILABLE, detail);
  }

  /** A 503 the client may retry, with {@code Retry-After}. */
  private ApiException retryLater(ProblemCode code, String detail) {
    return new ApiException(
        code,
        503,
        detail,
        List.of(),
        Map.of("Retry-After", Long.toString(Math.max(1, settings.retryAfter().toSeconds()))));
  }

  private static ApiException unreadableBody() {
    return new ApiException(
        ProblemCode.BAD_REQUEST, "The request body could not be read to its end.");
  }

  private static String resultOf(ApiException e) {
    return switch (e.code()) {
      case NO_STORAGE_AVAILABLE -> "no_storage";
      case STORAGE_FULL -> "storage_full";
      case SERVICE_UNAVAILABLE -> "unavailable";
      case SE_UNAVAILABLE -> "element_error";
      default -> "refused";
    };
  }

  /**
   * The client's fields after the file part: read from the client on the first try, remembered for
   * the next ones.
   */
  private static final class Trailing {
    private final MultipartReader reader;
    private final UploadFields fields;
    private final List<Field> seen = new ArrayList<>();
    private boolean done;

    Trailing(MultipartReader reader, UploadFields fields) {
      this.reader = reader;
      this.fields = fields;
    }

    List<Field> fields() {
      if (!done) {
        try {
          Part part;
          while ((part = reader.next()) != null) {
            if ("file".equals(part.name())) {
              throw new FieldException("file", "only one file per upload");
            }
            fields.accept(part.name(), part.readString(MAX_FIELD_BYTES)).ifPresent(seen::add);
          }
        } catch (IOException e) {
          throw new ClientBodyException(e);
        }
        done = true;
      }
      return seen;
    }
  }
}
