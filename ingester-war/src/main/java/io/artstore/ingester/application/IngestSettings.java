package io.artstore.ingester.application;

import io.artstore.shared.config.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The ingester's upload settings (README, configuration). */
@ApplicationScoped
public class IngestSettings {
  @Inject
  @ConfigProperty(name = "artstore.ingester.element.connect-timeout", defaultValue = "2s")
  String connectTimeout;

  @Inject
  @ConfigProperty(name = "artstore.ingester.element.answer-timeout", defaultValue = "120s")
  String answerTimeout;

  @Inject
  @ConfigProperty(name = "artstore.ingester.element.max-attempts", defaultValue = "3")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "artstore.ingester.replay-buffer-bytes", defaultValue = "1048576")
  int replayBufferBytes;

  @Inject
  @ConfigProperty(name = "artstore.ingester.breaker.failures", defaultValue = "3")
  int breakerFailures;

  @Inject
  @ConfigProperty(name = "artstore.ingester.breaker.open", defaultValue = "30s")
  String breakerOpen;

  @Inject
  @ConfigProperty(name = "artstore.ingester.retry-after", defaultValue = "30s")
  String retryAfter;

  @Inject
  @ConfigProperty(name = "artstore.ingester.intent-sweep-interval", defaultValue = "30s")
  String intentSweepInterval;

  @Inject
  @ConfigProperty(name = "artstore.ingester.instance-id")
  java.util.Optional<String> instanceId;

  public Duration connectTimeout() {
    return Durations.parse(connectTimeout);
  }

  /** How long an element may take to answer once the body is sent (it fsyncs large files). */
  public Duration answerTimeout() {
    return Durations.parse(answerTimeout);
  }

  /** Elements tried per upload at most (SPEC §5.1: bounded). */
  public int maxAttempts() {
    return Math.max(1, maxAttempts);
  }

  /**
   * The first bytes of a file kept so that the upload can move to another element when the first
   * one fails: files up to this size can always be retried elsewhere, larger ones only while the
   * failure comes before this many bytes have gone out.
   */
  public int replayBufferBytes() {
    return Math.max(64 * 1024, replayBufferBytes);
  }

  public int breakerFailures() {
    return Math.max(1, breakerFailures);
  }

  public Duration breakerOpen() {
    return Durations.parse(breakerOpen);
  }

  public Duration retryAfter() {
    return Durations.parse(retryAfter);
  }

  public Duration intentSweepInterval() {
    return Durations.parse(intentSweepInterval);
  }

  /**
   * Names this ingester in the upload intents it writes, stable across restarts of the same server,
   * so that after a crash it settles its own unfinished uploads at once.
   */
  public String instanceId() {
    return instanceId
        .filter(s -> !s.isBlank())
        .orElseGet(() -> host() + "/" + System.getProperty("wlp.server.name", "ingester"));
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "localhost";
    }
  }
}
