package io.artstore.admin.application.registry;

import io.artstore.admin.application.audit.AuditLog;
import io.artstore.admin.domain.ElementUrl;
import io.artstore.admin.domain.audit.AuditEvent;
import io.artstore.admin.domain.registry.ElementDetails;
import io.artstore.admin.domain.registry.ElementStatus;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.admin.infrastructure.StorageElementRepository.DuplicateException;
import io.artstore.admin.infrastructure.StorageElementRepository.Filter;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.shared.discovery.DiscoveredElement;
import io.artstore.shared.discovery.DiscoverySnapshot;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * The storage-element registry's use cases (SPEC §4): register, change, remove, sync and mode
 * changes of elements. Every change is audited, bumps the registry version and is published for
 * discovery.
 */
@ApplicationScoped
public class StorageRegistry {
  private static final Logger LOG = Logger.getLogger(StorageRegistry.class.getName());

  @Inject StorageElementRepository repository;
  @Inject ElementProbe probe;
  @Inject ElementBreakers breakers;
  @Inject DiscoveryPublisher publisher;
  @Inject AuditLog audit;
  @Inject CapacityWarnings capacityWarnings;

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry metrics;

  private Counter syncFailures;

  @PostConstruct
  void registerMetrics() {
    syncFailures = metrics.counter("artstore_registry_sync_failures");
  }

  /** Registration: the element's URL and optional overrides of what it says about itself. */
  public record Registration(String apiUrl, String name, String description, Integer priority) {}

  /** A change of the operator's fields; null means "unchanged". */
  public record Changes(String name, String description, Integer priority, String apiUrl) {}

  /** The outcome of one sync. */
  public record SyncOutcome(StorageElement element, boolean reachable, String error) {}

  /** A forwarded mode transition. */
  public record ModeChange(String previousMode, String mode, StorageElement element) {}

  /** Counts and capacity over the registry. */
  public record Stats(
      long total,
      Map<String, Long> byMode,
      Map<String, Long> byStatus,
      long capacityTotalBytes,
      long capacityUsedBytes,
      long capacityAvailableBytes,
      long fileCount,
      long registryVersion) {}

  public StorageElement register(Actor actor, Registration request) {
    ElementUrl url = parseUrl(request.apiUrl());
    check(ElementDetails.check(request.name(), request.description(), request.priority()));
    repository
        .findByApiUrl(url.toString())
        .ifPresent(
            existing -> {
              throw conflict("An element is already registered at " + url + ": " + existing.id());
            });
    ElementInfo info;
    try {
      info = probe.info(url.toString());
    } catch (ElementProbe.Unreachable e) {
      LOG.info(() -> "Element at " + url + " not registered: " + e.getMessage());
      throw unavailable("The storage element at " + url + " did not answer its /api/v1/info.");
    }
    repository
        .findByElementId(info.elementId())
        .ifPresent(
            existing -> {
              throw conflict(
                  "Element "
                      + info.elementId()
                      + " is already registered at "
                      + existing.apiUrl()
                      + ": "
                      + existing.id());
            });
    Instant now = now();
    StorageElement.Observation o = ElementProbe.observation(info);
    StorageElement element =
        new StorageElement(
            UUID.randomUUID(),
            info.elementId(),
            firstNonBlank(request.name(), info.displayName(), info.name(), info.elementId()),
            request.description(),
            url.toString(),
            info.mode(),
            o.degraded() ? ElementStatus.DEGRADED : ElementStatus.ONLINE,
            info.storageType() == null ? "local" : info.storageType(),
            request.priority() != null ? request.priority() : info.priority(),
            o.capacityTotalBytes(),
            o.capacityUsedBytes(),
            o.capacityAvailableBytes(),
            o.fileCount(),
            1,
            now,
            null,
            0,
            now,
            now);
    try {
      repository.insert(element);
    } catch (DuplicateException e) {
      throw conflict("An element with this " + e.field() + " is already registered.");
    }
    audited(
        actor,
        "storage_element.register",
        element,
        AuditEvent.SUCCESS,
        Map.of("api_url", element.apiUrl(), "mode", element.mode()));
    publisher.requestPublish();
    return element;
  }

  public Page<StorageElement> list(
      String mode, String status, String storageType, PageRequest page) {
    check(ElementDetails.checkFilter(mode, status, storageType));
    Filter filter = new Filter(mode, status, storageType);
    return Page.of(
        repository.list(filter, page.limit(), page.offset()), repository.count(filter), page);
  }

  public StorageElement get(UUID id) {
    return repository.find(id).orElseThrow(() -> ApiException.notFound("No storage element " + id));
  }

  public Optional<StorageElement> findByUrlOrElementId(String apiUrl, String elementId) {
    Optional<StorageElement> byUrl = repository.findByApiUrl(apiUrl);
    return byUrl.isPresent() || elementId == null ? byUrl : repository.findByElementId(elementId);
  }

  public StorageElement update(Actor actor, UUID id, Changes changes) {
    check(ElementDetails.check(changes.name(), changes.description(), changes.priority()));
    String newUrl = changes.apiUrl() == null ? null : parseUrl(changes.apiUrl()).toString();
    StorageElement current = get(id);
    boolean urlChanged = newUrl != null && !newUrl.equals(current.apiUrl());
    if (urlChanged) {
      repository
          .findByApiUrl(newUrl)
          .ifPresent(
              other -> {
                throw conflict("An element is already registered at " + newUrl + ": " + other.id());
              });
      try {
        ElementInfo info = probe.info(newUrl);
        if (!current.elementId().equals(info.elementId())) {
          throw conflict(
              newUrl + " serves element " + info.elementId() + ", not " + current.elementId());
        }
      } catch (ElementProbe.Unreachable e) {
        // Accepted: an element may be moved before it runs at its new address; the next sync
        // shows it offline until it answers there.
        LOG.info(() -> "New URL " + newUrl + " of " + current.elementId() + " not answering yet");
      }
    }
    StorageElement updated =
        current.edited(changes.name(), changes.description(), changes.priority(), newUrl, now());
    long version;
    try {
      version = repository.updateDetails(updated);
    } catch (DuplicateException e) {
      throw conflict("An element with this " + e.field() + " is already registered.");
    }
    if (version < 0) {
      throw ApiException.notFound("No storage element " + id);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("name", updated.name());
    details.put("priority", updated.priority());
    details.put("api_url", updated.apiUrl());
    audited(actor, "storage_element.update", updated, AuditEvent.SUCCESS, details);
    if (urlChanged) {
      breakers.forget(id);
      return refresh(updated, actor).element();
    }
    publisher.requestPublish();
    return get(id);
  }

  public void delete(Actor actor, UUID id) {
    StorageElement element = get(id);
    if (element.holdsFiles()) {
      throw conflict(
          "Element "
              + element.elementId()
              + " holds "
              + element.fileCount()
              + " files (by its last sync); move or remove them first.");
    }
    if (repository.delete(id) < 0) {
      throw ApiException.notFound("No storage element " + id);
    }
    breakers.forget(id);
    audited(
        actor,
        "storage_element.delete",
        element,
        AuditEvent.SUCCESS,
        Map.of("api_url", element.apiUrl()));
    publisher.requestPublish();
  }

  /** An operator's sync: a real call whatever the breaker says; 502 when unreachable. */
  public StorageElement sync(Actor actor, UUID id) {
    StorageElement element = get(id);
    breakers.of(id).reset();
    SyncOutcome outcome = refresh(element, actor);
    publisher.requestPublish();
    if (!outcome.reachable()) {
      throw unavailable(
          "The storage element at "
              + element.apiUrl()
              + " did not answer its /api/v1/info; it is now offline.");
    }
    return outcome.element();
  }

  /** An operator's sync of every element; per-element outcomes. */
  public List<SyncOutcome> syncAll(Actor actor) {
    List<SyncOutcome> outcomes = new ArrayList<>();
    for (StorageElement element : repository.all()) {
      breakers.of(element.id()).reset();
      outcomes.add(refresh(element, actor));
    }
    publisher.requestPublish();
    return outcomes;
  }

  /**
   * One health-sync pass over every element, each call through the element's circuit breaker: an
   * open breaker skips the call (the element stays as last seen, offline after its failures).
   */
  public int healthSyncPass() {
    int checked = 0;
    for (StorageElement element : repository.all()) {
      if (!breakers.of(element.id()).allowRequest(Instant.now())) {
        continue;
      }
      refresh(element, Actor.HEALTH_SYNC);
      checked++;
    }
    return checked;
  }

  /**
   * Reads the element's /info and records what it saw: figures and online, or offline with the
   * error. A registry version is spent only when something discovery shows changed.
   */
  SyncOutcome refresh(StorageElement element, Actor actor) {
    StorageElement updated;
    String error = null;
    try {
      ElementInfo info = probe.info(element.apiUrl());
      if (!element.elementId().equals(info.elementId())) {
        throw new ElementProbe.Unreachable(
            "the URL now serves element " + info.elementId() + ", not " + element.elementId());
      }
      updated = element.synced(ElementProbe.observation(info), now());
      breakers.of(element.id()).onSuccess();
    } catch (ElementProbe.Unreachable e) {
      error = e.getMessage();
      updated = element.unreachable(error, now());
      breakers.of(element.id()).onFailure(Instant.now());
      syncFailures.inc();
    }
    boolean changed = updated.differsForDiscovery(element);
    if (repository.updateSync(updated, changed) < 0) {
      return new SyncOutcome(updated, error == null, error);
    }
    if (error == null) {
      capacityWarnings.observe(updated);
    }
    if (updated.status() != element.status()) {
      StorageElement seen = updated;
      LOG.info(
          () ->
              "Storage element "
                  + seen.elementId()
                  + " at "
                  + seen.apiUrl()
                  + " is now "
                  + seen.status().wireName()
                  + (seen.lastError() == null ? "" : " (" + seen.lastError() + ")"));
      audited(
          actor,
          "storage_element.status_change",
          updated,
          AuditEvent.SUCCESS,
          Map.of("from", element.status().wireName(), "to", updated.status().wireName()));
    }
    if (!element.mode().equals(updated.mode()) && actor == Actor.HEALTH_SYNC) {
      audited(
          actor,
          "storage_element.mode_observed",
          updated,
          AuditEvent.SUCCESS,
          Map.of("from", element.mode(), "to", updated.mode()));
    }
    return new SyncOutcome(updated, error == null, error);
  }

  /** Records a transition the element made (the caller forwarded it) and syncs the record. */
  ModeChange recordTransition(Actor actor, StorageElement before, String previousMode) {
    SyncOutcome outcome = refresh(before, actor);
    StorageElement after = outcome.element();
    audited(
        actor,
        "storage_element.mode_change",
        after,
        AuditEvent.SUCCESS,
        Map.of("from", previousMode, "to", after.mode()));
    publisher.requestPublish();
    return new ModeChange(previousMode, after.mode(), after);
  }

  void recordRefusedTransition(Actor actor, StorageElement element, String target, int status) {
    audited(
        actor,
        "storage_element.mode_change",
        element,
        AuditEvent.FAILURE,
        Map.of("from", element.mode(), "to", target, "element_status", status));
  }

  public Stats stats() {
    StorageElementRepository.Versioned snapshot = repository.snapshot();
    Map<String, Long> byMode = new LinkedHashMap<>();
    for (String mode : List.of("edit", "rw", "ro", "ar")) {
      byMode.put(mode, 0L);
    }
    Map<String, Long> byStatus = new LinkedHashMap<>();
    for (ElementStatus status : ElementStatus.values()) {
      byStatus.put(status.wireName(), 0L);
    }
    long total = 0;
    long used = 0;
    long available = 0;
    long files = 0;
    for (StorageElement e : snapshot.elements()) {
      byMode.merge(e.mode(), 1L, Long::sum);
      byStatus.merge(e.status().wireName(), 1L, Long::sum);
      total += e.capacityTotalBytes();
      used += e.capacityUsedBytes();
      available += e.capacityAvailableBytes();
      files += e.fileCount();
    }
    return new Stats(
        snapshot.elements().size(),
        byMode,
        byStatus,
        total,
        used,
        available,
        files,
        snapshot.version());
  }

  /** The discovery snapshot now, filtered by mode and/or writability (null: any). */
  public DiscoverySnapshot snapshot(String mode, Boolean writable) {
    check(ElementDetails.checkFilter(mode, null, null));
    DiscoverySnapshot all = toSnapshot(repository.snapshot());
    return new DiscoverySnapshot(
        all.version(),
        all.timestamp(),
        all.storageElements().stream()
            .filter(e -> mode == null || mode.equals(e.mode()))
            .filter(e -> writable == null || writable == e.writable())
            .toList());
  }

  static DiscoverySnapshot toSnapshot(StorageElementRepository.Versioned registry) {
    return new DiscoverySnapshot(
        registry.version(),
        now(),
        registry.elements().stream().map(StorageRegistry::discovered).toList());
  }

  static DiscoveredElement discovered(StorageElement e) {
    return new DiscoveredElement(
        e.id().toString(),
        e.elementId(),
        e.name(),
        e.apiUrl(),
        e.mode(),
        e.status().wireName(),
        e.storageType(),
        e.priority(),
        e.capacityTotalBytes(),
        e.capacityUsedBytes(),
        e.capacityAvailableBytes(),
        e.fileCount(),
        e.lastSyncAt());
  }

  private void audited(
      Actor actor, String action, StorageElement element, String result, Map<String, ?> details) {
    Map<String, Object> all = new LinkedHashMap<>(details);
    all.put("element_id", element.elementId());
    audit.recordAndWait(
        actor.name(), actor.type(), action, "storage_element:" + element.id(), result, all);
  }

  static ElementUrl parseUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      throw ApiException.validation("api_url", "is required");
    }
    return ElementUrl.parse(raw)
        .orElseThrow(
            () ->
                ApiException.validation(
                    "api_url", "must be an absolute http or https URL without query or fragment"));
  }

  private static void check(List<ElementDetails.Violation> violations) {
    if (!violations.isEmpty()) {
      throw ApiException.validation(
          violations.stream().map(v -> new FieldViolation(v.field(), v.message())).toList());
    }
  }

  static ApiException conflict(String detail) {
    return new ApiException(ProblemCode.CONFLICT, detail);
  }

  static ApiException unavailable(String detail) {
    return new ApiException(ProblemCode.SE_UNAVAILABLE, 502, detail, List.of(), Map.of());
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
