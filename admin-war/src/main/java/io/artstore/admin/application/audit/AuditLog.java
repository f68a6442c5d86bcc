package io.artstore.admin.application.audit;

import io.artstore.admin.domain.audit.AuditChain;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.infrastructure.AuditRepository;
import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.infrastructure.fs.AtomicFiles;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records audit events. Events are appended in small batches every 100 ms, one transaction per
 * batch, so the token endpoint does not pay a durable write per token; account and key changes wait
 * for their batch to commit ({@link #recordAndWait}). While PostgreSQL is down events wait in
 * memory (bounded) and are written when it is back.
 *
 * <p>The HMAC key is {@code ARTSTORE_AUDIT_HMAC_KEY} (base64, ≥ 32 bytes) or, when unset, a key
 * generated once into {@code <data dir>/admin/audit-hmac.key} (0600). Losing the key makes the
 * chain unverifiable: back it up with the database.
 */
@ApplicationScoped
public class AuditLog {
  private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
  private static final int MAX_PENDING = 100_000;

  @Inject AuditRepository repository;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "artstore.audit.hmac-key")
  Optional<String> configuredKey;

  @Inject
  @ConfigProperty(name = "artstore.data-dir", defaultValue = "data")
  String dataDir;

  private record Pending(AuditEvent event, CompletableFuture<Void> written) {}

  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private volatile AuditChain chain;
  private ScheduledFuture<?> writer;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    chain = new AuditChain(key());
    writer = scheduler.scheduleWithFixedDelay(this::drain, 100, 100, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (writer != null) {
      writer.cancel(false);
    }
    drain();
  }

  public AuditChain chain() {
    return chain;
  }

  /** Queues an event; it is durable within about 100 ms. */
  public CompletableFuture<Void> record(
      String actor,
      String actorType,
      String action,
      String resource,
      String result,
      Map<String, ?> details) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    if (queue.size() >= MAX_PENDING) {
      LOG.severe(() -> "Audit queue full; event lost: " + action + " by " + actor);
      written.completeExceptionally(new IllegalStateException("audit queue full"));
      return written;
    }
    AuditEvent event =
        new AuditEvent(
            UUID.randomUUID(),
            // The database keeps microseconds: the MAC must cover what is stored.
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            actor == null ? "anonymous" : actor,
            actorType == null ? "unknown" : actorType,
            action,
            resource,
            result,
            RequestContext.currentId(),
            json(details));
    queue.add(new Pending(event, written));
    return written;
  }

  /** Records and waits until the event is stored (or 5 s pass: it is still queued then). */
  public void recordAndWait(
      String actor,
      String actorType,
      String action,
      String resource,
      String result,
      Map<String, ?> details) {
    try {
      record(actor, actorType, action, resource, result, details).get(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warning(() -> "Audit event " + action + " not yet stored; it stays queued");
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Audit event " + action + " could not be stored", e);
    }
  }

  synchronized void drain() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p = queue.peek(); p != null && batch.size() < 500; p = queue.peek()) {
      batch.add(queue.poll());
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      repository.append(batch.stream().map(Pending::event).toList(), chain);
      batch.forEach(p -> p.written().complete(null));
    } catch (SQLException | RuntimeException e) {
      // Keep order: put the batch back in front of anything queued since.
      List<Pending> rest = new ArrayList<>(queue);
      queue.clear();
      queue.addAll(batch);
      queue.addAll(rest);
      LOG.log(Level.WARNING, "Audit events not stored yet (" + queue.size() + " queued): " + e);
    }
  }

  private byte[] key() {
    if (configuredKey.isPresent() && !configuredKey.get().isBlank()) {
      return Base64.getDecoder().decode(configuredKey.get().trim());
    }
    Path file = Path.of(dataDir).resolve("admin").resolve("audit-hmac.key").toAbsolutePath();
    try {
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        AtomicFiles.write(
            file,
            Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII),
            true);
        LOG.warning(
            () ->
                "Generated the audit HMAC key in "
                    + file
                    + " (0600); back it up with the database");
      }
      return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the audit key " + file, e);
    }
  }

  private static String json(Map<String, ?> details) {
    if (details == null || details.isEmpty()) {
      return null;
    }
    JsonObjectBuilder object = Json.createObjectBuilder();
    details.forEach((k, v) -> object.add(k, v == null ? "" : v.toString()));
    return object.build().toString();
  }
}
