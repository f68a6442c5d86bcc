package io.artstore.admin.application.security;

import io.artstore.shared.config.Durations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What admin puts into the tokens it issues (SPEC §2.2). */
@ApplicationScoped
public class TokenSettings {
  @Inject
  @ConfigProperty(name = "artstore.jwt.issuer", defaultValue = "artstore")
  String issuer;

  @Inject
  @ConfigProperty(name = "artstore.jwt.audience", defaultValue = "artstore")
  String audience;

  @Inject
  @ConfigProperty(name = "artstore.jwt.access-token-ttl", defaultValue = "30m")
  String accessTokenTtl;

  @Inject
  @ConfigProperty(name = "artstore.environment", defaultValue = "dev")
  String environment;

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  public Duration accessTokenTtl() {
    return Durations.parse(accessTokenTtl);
  }

  /** The {@code env} part of client ids ({@code sa_{env}_{name}_{hex}}). */
  public String environment() {
    return environment;
  }
}
