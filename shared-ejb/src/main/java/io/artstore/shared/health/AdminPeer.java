package io.artstore.shared.health;

import io.artstore.shared.api.request.RequestContext;
import io.artstore.shared.api.request.RequestIds;
import io.artstore.shared.security.ServiceTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admin, seen from a service that calls it with its own service-account token (ingester, query): UP
 * when an authenticated {@code GET /api/v1/status} answers 200. Not critical: those services keep
 * working on their fallbacks while admin is away. Not a bean here; a service that depends on admin
 * declares a subclass.
 */
public abstract class AdminPeer implements Dependency {
  private static final Logger LOG = Logger.getLogger(AdminPeer.class.getName());

  @Inject ServiceTokens tokens;

  @Override
  public String name() {
    return "admin";
  }

  @Override
  public boolean critical() {
    return false;
  }

  @Override
  public DependencyState probe() {
    long started = System.nanoTime();
    if (!tokens.configured()) {
      return DependencyState.down(name(), false, 0, "no service account configured");
    }
    try {
      HttpResponse<String> response =
          tokens.call(
              token ->
                  HttpRequest.newBuilder(URI.create(tokens.adminUrl() + "/api/v1/status"))
                      .timeout(Duration.ofSeconds(3))
                      .header("Authorization", "Bearer " + token)
                      .header(RequestIds.HEADER, RequestContext.currentOrNewId())
                      .GET()
                      .build());
      long latency = DatabaseDependency.elapsedMillis(started);
      return response.statusCode() == 200
          ? DependencyState.up(name(), false, latency)
          : DependencyState.down(name(), false, latency, "HTTP " + response.statusCode());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.FINE, "Admin probe failed", e);
      return DependencyState.down(
          name(),
          false,
          DatabaseDependency.elapsedMillis(started),
          "unreachable: " + e.getMessage());
    }
  }
}
