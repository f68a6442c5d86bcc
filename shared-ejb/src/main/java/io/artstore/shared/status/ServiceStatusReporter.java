package io.artstore.shared.status;

import io.artstore.shared.config.ServiceInfo;
import io.artstore.shared.discovery.DiscoveryClient;
import io.artstore.shared.health.Dependency;
import io.artstore.shared.health.DependencyState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

/**
 * Probes every {@link Dependency} of this service and summarises them, with the discovery summary
 * where the service runs discovery.
 */
@ApplicationScoped
public class ServiceStatusReporter {
  @Inject ServiceInfo serviceInfo;

  @Inject @Any Instance<Dependency> dependencies;

  @Inject DiscoveryClient discovery;

  public ServiceStatus report(ServiceStatus.Installation installation) {
    List<DependencyState> states =
        dependencies.stream()
            .map(Dependency::probe)
            .sorted(Comparator.comparing(DependencyState::name))
            .toList();
    return new ServiceStatus(
        serviceInfo.serviceName(),
        serviceInfo.version(),
        overall(states),
        serviceInfo.startedAt(),
        serviceInfo.uptimeSeconds(),
        installation,
        states,
        discovery.enabled() ? discovery.status() : null);
  }

  static String overall(List<DependencyState> states) {
    boolean criticalDown = states.stream().anyMatch(s -> !s.up() && s.critical());
    if (criticalDown) {
      return "DOWN";
    }
    return states.stream().anyMatch(s -> !s.up()) ? "DEGRADED" : "UP";
  }
}
