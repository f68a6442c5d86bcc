package io.artstore.admin.application.files;

import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.admin.infrastructure.ElementFileCalls;
import io.artstore.admin.infrastructure.FileRegistryRepository;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The cluster-wide file registry (SPEC §4): what the ingester registers after an element stored a
 * file, filtered and paged for readers. The element's attr.json stays the truth: a registration
 * carries the element's document as is, and a newer version replaces an older one, never the other
 * way round.
 */
@ApplicationScoped
public class FileRegistry {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> RETENTION = Set.of("temporary", "permanent");
  private static final Set<String> STATUS = Set.of("active", "deleted", "expired");

  @Inject FileRegistryRepository repository;
  @Inject StorageElementRepository elements;
  @Inject ElementFileCalls calls;

  /** What a registration did, and the record as stored now. */
  public record Registration(FileRegistryRepository.Outcome outcome, StoredFile file) {}

  public Registration register(StoredFile file) {
    validate(file);
    FileRegistryRepository.Outcome outcome = repository.register(file);
    return new Registration(outcome, repository.find(UUID.fromString(file.fileId())).orElseThrow());
  }

  /**
   * Changes a file's description, tags or metadata on its element first (attr.json stays the
   * truth), then records the element's new document. The element's refusals (400, 403, 404, 409,
   * 412) are relayed with their code.
   */
  public StoredFile update(String id, String patchJson, String ifMatch, String authorization) {
    StoredFile file = get(id);
    String apiUrl = apiUrlOf(file);
    ElementFileCalls.Answer answer;
    try {
      answer = calls.patch(apiUrl, file.fileId(), patchJson, ifMatch, authorization);
    } catch (IOException e) {
      throw unavailable(file);
    }
    if (!answer.ok()) {
      throw relayed(answer, file);
    }
    return record(parse(answer.body()));
  }

  /** Deletes on the element (its rules apply), then records the element's deleted document. */
  public StoredFile delete(String id, String authorization) {
    StoredFile file = get(id);
    String apiUrl = apiUrlOf(file);
    try {
      ElementFileCalls.Answer deleted = calls.delete(apiUrl, file.fileId(), authorization);
      if (!deleted.ok()) {
        throw relayed(deleted, file);
      }
      ElementFileCalls.Answer now = calls.get(apiUrl, file.fileId(), authorization);
      if (!now.ok()) {
        throw relayed(now, file);
      }
      return record(parse(now.body()));
    } catch (IOException e) {
      throw unavailable(file);
    }
  }

  /** What a rebuild from one element did. */
  public record RebuildReport(
      String storageElementId, long filesOnElement, long created, long updated, long removed) {}

  /** The element's page shape, as far as a rebuild reads it. */
  public record ElementPage(List<StoredFile> items, long total, boolean hasMore) {}

  /**
   * Rebuilds the element's part of the registry from the element itself (attr.json is the truth):
   * every file it lists is registered (newest version wins), rows it no longer holds are removed.
   * The element is asked with the caller's token (ADMIN).
   */
  public RebuildReport rebuild(String storageElementId, String authorization) {
    StorageElement element =
        elements
            .findByElementId(storageElementId)
            .orElseThrow(
                () ->
                    ApiException.validation(
                        "element_id", "no registered element " + storageElementId));
    java.util.Set<UUID> present = new java.util.HashSet<>();
    long created = 0;
    long updated = 0;
    long offset = 0;
    while (true) {
      ElementFileCalls.Answer answer;
      try {
        answer = calls.list(element.apiUrl(), offset, 1000, authorization);
      } catch (IOException e) {
        throw new ApiException(
            ProblemCode.SE_UNAVAILABLE,
            502,
            "Element " + storageElementId + " did not answer; the rebuild stopped.",
            List.of(),
            Map.of());
      }
      if (!answer.ok()) {
        throw relayed(answer, null);
      }
      ElementPage page = JsonbConfigResolver.jsonb().fromJson(answer.body(), ElementPage.class);
      for (StoredFile file : page.items()) {
        present.add(UUID.fromString(file.fileId()));
        switch (repository.register(file)) {
          case CREATED -> created++;
          case UPDATED -> updated++;
          case UNCHANGED -> {}
        }
      }
      offset += page.items().size();
      if (!page.hasMore() || page.items().isEmpty()) {
        break;
      }
    }
    int removed = repository.removeMissing(storageElementId, present);
    return new RebuildReport(storageElementId, present.size(), created, updated, removed);
  }

  private StoredFile record(StoredFile fromElement) {
    repository.register(fromElement);
    return repository.find(UUID.fromString(fromElement.fileId())).orElseThrow();
  }

  private String apiUrlOf(StoredFile file) {
    return elements
        .findByElementId(file.storageElementId())
        .map(StorageElement::apiUrl)
        .orElseThrow(
            () ->
                new ApiException(
                    ProblemCode.SE_UNAVAILABLE,
                    502,
                    "Element "
                        + file.storageElementId()
                        + " holding file "
                        + file.fileId()
                        + " is not registered.",
                    List.of(),
                    Map.of()));
  }

  private static ApiException unavailable(StoredFile file) {
    return new ApiException(
        ProblemCode.SE_UNAVAILABLE,
        502,
        "Element " + file.storageElementId() + " did not answer; nothing was changed.",
        List.of(),
        Map.of());
  }

  /** The element's refusal as admin's own problem, same status and code; others are 502. */
  private static ApiException relayed(ElementFileCalls.Answer answer, StoredFile file) {
    String elementId = file == null ? "the element" : "Element " + file.storageElementId();
    int status = answer.status();
    if (status == 400 || status == 403 || status == 404 || status == 409 || status == 412) {
      ProblemCode code = ProblemCode.forStatus(status);
      String detail = "The storage element refused the change.";
      try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
        JsonObject problem = reader.readObject();
        detail = problem.getString("detail", detail);
        code = ProblemCode.valueOf(problem.getString("code", code.name()));
      } catch (RuntimeException e) {
        // not a problem document: keep the status's code
      }
      return new ApiException(code, status, detail, List.of(), Map.of());
    }
    return new ApiException(
        ProblemCode.SE_UNAVAILABLE,
        502,
        elementId + " answered HTTP " + status + ".",
        List.of(),
        Map.of());
  }

  private static StoredFile parse(String json) {
    return JsonbConfigResolver.jsonb().fromJson(json, StoredFile.class);
  }

  public StoredFile get(String id) {
    UUID fileId;
    try {
      fileId = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No file " + id + " in the registry.");
    }
    return repository
        .find(fileId)
        .orElseThrow(() -> ApiException.notFound("No file " + id + " in the registry."));
  }

  public Page<StoredFile> list(FileRegistryRepository.Filter filter, PageRequest page) {
    List<FieldViolation> violations = new ArrayList<>();
    if (filter.status() != null && !STATUS.contains(filter.status())) {
      violations.add(new FieldViolation("status", "must be active, deleted or expired"));
    }
    if (filter.retentionPolicy() != null && !RETENTION.contains(filter.retentionPolicy())) {
      violations.add(new FieldViolation("retention_policy", "must be temporary or permanent"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
    return Page.of(
        repository.list(filter, page.limit(), page.offset()), repository.count(filter), page);
  }

  static void validate(StoredFile f) {
    List<FieldViolation> violations = new ArrayList<>();
    if (f == null) {
      throw ApiException.validation("body", "the element's file document is required");
    }
    try {
      UUID.fromString(String.valueOf(f.fileId()));
    } catch (IllegalArgumentException e) {
      violations.add(new FieldViolation("file_id", "must be a UUID"));
    }
    require(violations, "storage_element_id", f.storageElementId());
    require(violations, "storage_path", f.storagePath());
    require(violations, "storage_filename", f.storageFilename());
    if (f.sizeBytes() < 0) {
      violations.add(new FieldViolation("size_bytes", "must not be negative"));
    }
    if (f.checksum() == null
        || !"sha256".equals(f.checksum().algorithm())
        || f.checksum().value() == null
        || !SHA256.matcher(f.checksum().value()).matches()) {
      violations.add(new FieldViolation("checksum", "must be a sha256 of 64 lower-case hex"));
    }
    if (!RETENTION.contains(String.valueOf(f.retentionPolicy()))) {
      violations.add(new FieldViolation("retention_policy", "must be temporary or permanent"));
    }
    if (!STATUS.contains(String.valueOf(f.status()))) {
      violations.add(new FieldViolation("status", "must be active, deleted or expired"));
    }
    if (f.version() < 1) {
      violations.add(new FieldViolation("version", "must be at least 1"));
    }
    if (!violations.isEmpty()) {
      throw ApiException.validation(violations);
    }
  }

  private static void require(List<FieldViolation> violations, String field, String value) {
    if (value == null || value.isBlank()) {
      violations.add(new FieldViolation(field, "is required"));
    }
  }
}
