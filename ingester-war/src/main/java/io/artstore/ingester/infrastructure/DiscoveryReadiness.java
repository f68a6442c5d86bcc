package io.artstore.ingester.infrastructure;

import io.artstore.shared.discovery.DiscoveryHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Readiness;

/**
 * The ingester service finds storage elements through discovery; readiness shows where its snapshot
 * comes from (never critical).
 */
@Readiness
@ApplicationScoped
public class DiscoveryReadiness extends DiscoveryHealthCheck {}
