package io.artstore.ingester.application;

import io.artstore.ingester.infrastructure.ElementFiles;
import io.artstore.ingester.infrastructure.UploadIntentRepository;
import io.artstore.ingester.infrastructure.UploadIntentRepository.Intent;
import io.artstore.shared.client.admin.AdminFiles;
import io.artstore.shared.infrastructure.db.SchemaReady;
import io.artstore.shared.security.ServiceTokens;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles uploads whose outcome was left open (SPEC §5.1: "a failure never leaves an invisible
 * orphan"): a failed withdrawal, or an ingester that died between storing and registering. For each
 * intent: registered on that element → forget it; not registered → withdraw the element's copy; too
 * old to withdraw → register it after all (the bytes are whole and the element's attr.json is the
 * truth, so the file becomes visible rather than lost). Intents of uploads still running here are
 * left alone; those of other ingesters only once they are an hour old.
 */
@ApplicationScoped
public class IntentSweeper {
  private static final Logger LOG = Logger.getLogger(IntentSweeper.class.getName());
  static final Duration FOREIGN_AGE = Duration.ofHours(1);
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  @Inject UploadIntentRepository intents;
  @Inject AdminFiles admin;
  @Inject ElementFiles elements;
  @Inject ServiceTokens tokens;
  @Inject UploadService uploads;
  @Inject IngestSettings settings;
  @Inject IngestMetrics metrics;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> job;

  void onSchemaReady(@Observes SchemaReady ignored) {
    Duration every = settings.intentSweepInterval();
    if (every.isZero()) {
      return;
    }
    long millis = Math.max(1000, every.toMillis());
    job = scheduler.scheduleWithFixedDelay(this::run, 1000, millis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (job != null) {
      job.cancel(false);
    }
  }

  void run() {
    try {
      sweep();
    } catch (Exception e) {
      // A scheduled task that throws is never run again.
      LOG.log(Level.WARNING, "Upload intent sweep failed: " + e);
    }
  }

  /** One pass; the number of intents settled. */
  public int sweep() throws Exception {
    List<Intent> due = intents.due(100);
    int settled = 0;
    String me = settings.instanceId();
    for (Intent intent : due) {
      boolean mine = me.equals(intent.instanceId());
      if (mine && uploads.inFlight(intent.fileId())) {
        continue;
      }
      if (!mine && intent.createdAt().isAfter(Instant.now().minus(FOREIGN_AGE))) {
        continue;
      }
      try {
        if (settle(intent)) {
          intents.settle(intent.fileId(), intent.elementId());
          settled++;
        }
      } catch (IOException | RuntimeException e) {
        Duration wait =
            Duration.ofSeconds(30L << Math.min(intent.attempts(), 7)).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : Duration.ofSeconds(30L << Math.min(intent.attempts(), 7));
        intents.postpone(
            intent.fileId(), intent.elementId(), Instant.now().plus(wait), e.toString());
        LOG.warning(
            "Upload " + intent.fileId() + " on " + intent.elementId() + " not settled yet: " + e);
      }
    }
    return settled;
  }

  /** True when settled; throws when it must be tried again later. */
  private boolean settle(Intent intent) throws IOException, InterruptedException {
    AdminFiles.Answer registered = admin.get(intent.fileId());
    if (registered.status() == 200) {
      JsonObject record = json(registered.body());
      if (intent.elementId().equals(record.getString("storage_element_id", null))) {
        metrics.compensation("found_registered");
        return true;
      }
    } else if (registered.status() != 404) {
      throw new IOException("Admin answered HTTP " + registered.status());
    }
    String token = tokens.token();
    ElementFiles.Answer withdrawn = elements.withdraw(intent.elementUrl(), intent.fileId(), token);
    if (withdrawn.status() == 204 || withdrawn.status() == 404) {
      metrics.compensation("withdrawn");
      LOG.info("Unregistered upload " + intent.fileId() + " withdrawn from " + intent.elementId());
      return true;
    }
    if (withdrawn.status() == 409 && registered.status() == 404) {
      // Too old to withdraw: make it visible instead of leaving it invisible.
      ElementFiles.Answer stored = elements.get(intent.elementUrl(), intent.fileId(), token);
      if (stored.status() == 404) {
        return true;
      }
      if (stored.status() != 200) {
        throw new IOException("The element answered HTTP " + stored.status());
      }
      AdminFiles.Answer answer = admin.register(stored.body());
      if (answer.status() == 200 || answer.status() == 201) {
        metrics.compensation("registered_late");
        LOG.warning(
            "Upload "
                + intent.fileId()
                + " on "
                + intent.elementId()
                + " was past its withdraw window and has been registered");
        return true;
      }
      throw new IOException("Admin answered HTTP " + answer.status() + " to the registration");
    }
    throw new IOException("The element answered HTTP " + withdrawn.status() + " to the withdrawal");
  }

  private static JsonObject json(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }
}
