package io.artstore.admin.application;

import io.artstore.admin.api.dto.DiscoveryPreview;
import io.artstore.admin.application.registry.StorageRegistry;
import io.artstore.admin.domain.ElementUrl;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.shared.client.storage.StorageElementApi;
import io.artstore.shared.client.storage.StorageElementClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Asks a storage element to describe itself (the first step of registering it). */
@ApplicationScoped
public class StorageElementDiscovery {
  private static final Logger LOG = Logger.getLogger(StorageElementDiscovery.class.getName());

  @Inject StorageElementClients clients;
  @Inject StorageRegistry registry;

  public DiscoveryPreview preview(String rawUrl) {
    ElementUrl url = ElementUrl.parse(rawUrl).orElseThrow(() -> invalidUrl());
    ElementInfo info;
    try (StorageElementApi element = clients.forUrl(url.uri())) {
      info = element.info();
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.INFO, "Storage element at " + url + " did not answer: " + e);
      throw new ApiException(
          ProblemCode.SE_UNAVAILABLE,
          502,
          "The storage element at " + url + " did not answer its /api/v1/info.",
          List.of(),
          Map.of());
    }
    if (info == null || info.elementId() == null || info.mode() == null) {
      throw new ApiException(
          ProblemCode.SE_UNAVAILABLE,
          502,
          "The service at " + url + " did not describe itself as a storage element.",
          List.of(),
          Map.of());
    }
    var registered = registry.findByUrlOrElementId(url.toString(), info.elementId());
    return new DiscoveryPreview(
        url.toString(),
        info,
        registered.isPresent(),
        registered.map(StorageElement::id).orElse(null));
  }

  private static ApiException invalidUrl() {
    return ApiException.validation(
        "api_url", "must be an absolute http or https URL without query or fragment");
  }
}
