package io.artstore.shared.security;

import io.artstore.shared.config.Durations;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reloads the key ring at start-up and then every {@code ARTSTORE_KEYS_RELOAD_INTERVAL} (default 5
 * s), on a managed scheduled executor: a key replaced on disk is in use within one interval, with
 * no restart.
 */
@ApplicationScoped
public class KeyRingReloader {
  @Inject KeyRingHolder holder;

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject
  @ConfigProperty(name = "artstore.keys.reload-interval", defaultValue = "5s")
  String reloadInterval;

  private ScheduledFuture<?> task;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    holder.reload();
    long millis = Math.max(100, Durations.parse(reloadInterval).toMillis());
    task = scheduler.scheduleWithFixedDelay(holder::reload, millis, millis, TimeUnit.MILLISECONDS);
  }

  public Duration interval() {
    return Durations.parse(reloadInterval);
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
