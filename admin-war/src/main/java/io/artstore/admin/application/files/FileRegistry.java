package io.artstore.admin.application.files;

import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.admin.infrastructure.FileRegistryRepository;
import io.artstore.admin.infrastructure.StorageElementRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.FieldViolation;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementRefusals;
import io.artstore.shared.client.storage.StorageElementClients;
import io.artstore.shared.client.storage.StorageElementFilesApi;
import io.artstore.shared.client.storage.StoredFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
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
  @Inject StorageElementClients clients;

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
    try (StorageElementFilesApi api = filesApiOf(file);
        Response answer = api.patch(authorization, ifMatch, file.fileId(), patchJson)) {
      return record(accepted(answer, file));
    } catch (IOException | ProcessingException e) {
      throw unavailable(file);
    }
  }

  /** Deletes on the element (its rules apply), then records the element's deleted document. */
  public StoredFile delete(String id, String authorization) {
    StoredFile file = get(id);
    try (StorageElementFilesApi api = filesApiOf(file)) {
      try (Response deleted = api.delete(authorization, file.fileId())) {
        accepted(deleted, file);
      }
      try (Response now = api.get(authorization, file.fileId())) {
        return record(accepted(now, file));
      }
    } catch (IOException | ProcessingException e) {
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
    Set<UUID> present = new HashSet<>();
    long created = 0;
    long updated = 0;
    long offset = 0;
    try (StorageElementFilesApi api = clients.filesApi(URI.create(element.apiUrl()))) {
      while (true) {
        String body;
        try (Response answer = api.list(authorization, 1000, offset)) {
          body = answer.readEntity(String.class);
          if (answer.getStatus() != 200) {
            throw ElementRefusals.of(
                answer.getStatus(), body, "The element refused the listing.", elementName(element));
          }
        }
        ElementPage page = JsonbConfigResolver.jsonb().fromJson(body, ElementPage.class);
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
    } catch (IOException | ProcessingException e) {
      throw new ApiException(
          ProblemCode.SE_UNAVAILABLE,
          502,
          "Element " + storageElementId + " did not answer; the rebuild stopped.",
          List.of(),
          Map.of());
    }
    int removed = repository.removeMissing(storageElementId, present);
    return new RebuildReport(storageElementId, present.size(), created, updated, removed);
  }

  private StoredFile record(StoredFile fromElement) {
    repository.register(fromElement);
    return repository.find(UUID.fromString(fromElement.fileId())).orElseThrow();
  }

  /** The element's document from a 2xx answer; its refusal otherwise. */
  private static StoredFile accepted(Response answer, StoredFile file) {
    String body = answer.hasEntity() ? answer.readEntity(String.class) : "";
    if (answer.getStatus() / 100 != 2) {
      throw ElementRefusals.of(
          answer.getStatus(),
          body,
          "The storage element refused the change.",
          "Element " + file.storageElementId());
    }
    return body.isBlank() ? null : JsonbConfigResolver.jsonb().fromJson(body, StoredFile.class);
  }

  private StorageElementFilesApi filesApiOf(StoredFile file) {
    StorageElement element =
        elements
            .findByElementId(file.storageElementId())
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
    return clients.filesApi(URI.create(element.apiUrl()));
  }

  private static String elementName(StorageElement element) {
    return "Element " + element.elementId();
  }

  private static ApiException unavailable(StoredFile file) {
    return new ApiException(
        ProblemCode.SE_UNAVAILABLE,
        502,
        "Element " + file.storageElementId() + " did not answer; nothing was changed.",
        List.of(),
        Map.of());
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

  /** The {@code after} key of a keyset page: a file id, or null. */
  public static UUID parseAfter(String after) {
    if (after == null) {
      return null;
    }
    try {
      return UUID.fromString(after);
    } catch (IllegalArgumentException e) {
      throw ApiException.validation("after", "must be a file id (UUID)");
    }
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
