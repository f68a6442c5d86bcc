package io.artstore.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls {@code /health/ready} until it answers 200. */
public final class ReadinessWaiter {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The status of one readiness probe, or -1 when nothing answers. */
  public int readiness(String baseUrl) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Waits until {@code server} is ready; false when it died or the deadline passed first.
   *
   * @param deadlineNanos a {@link System#nanoTime()} value
   */
  public boolean awaitReady(LibertyServer server, long deadlineNanos) throws InterruptedException {
    while (System.nanoTime() < deadlineNanos) {
      if (!server.isAlive()) {
        return false;
      }
      if (readiness(server.baseUrl()) == 200) {
        return true;
      }
      Thread.sleep(500);
    }
    return false;
  }
}
