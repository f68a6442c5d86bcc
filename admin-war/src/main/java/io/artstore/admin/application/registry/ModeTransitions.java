package io.artstore.admin.application.registry;

import io.artstore.admin.domain.registry.ElementDetails;
import io.artstore.admin.domain.registry.StorageElement;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.client.storage.ElementRefusals;
import io.artstore.shared.client.storage.ModeTransitionRequest;
import io.artstore.shared.client.storage.StorageElementClients;
import io.artstore.shared.client.storage.StorageElementModeApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@code POST /storage-elements/{id}/mode}: forwards the transition to the element with the
 * caller's own {@code Authorization} (the element decides whether the caller may), then syncs and
 * records the result. The element's refusals (400, 403, 409 INVALID_TRANSITION …) are relayed with
 * their code.
 */
@ApplicationScoped
public class ModeTransitions {
  private static final Logger LOG = Logger.getLogger(ModeTransitions.class.getName());

  @Inject StorageRegistry registry;
  @Inject StorageElementClients clients;

  public StorageRegistry.ModeChange transition(
      Actor actor, UUID id, String targetMode, String authorization) {
    if (targetMode == null || targetMode.isBlank()) {
      throw ApiException.validation("target_mode", "is required");
    }
    if (!ElementDetails.MODES.contains(targetMode)) {
      throw ApiException.validation("target_mode", "must be one of edit, rw, ro, ar");
    }
    StorageElement element = registry.get(id);
    int status;
    String body;
    try (StorageElementModeApi api = clients.modeApi(URI.create(element.apiUrl()));
        Response response = api.transition(authorization, new ModeTransitionRequest(targetMode))) {
      status = response.getStatus();
      body = response.hasEntity() ? response.readEntity(String.class) : "";
    } catch (IOException | RuntimeException e) {
      LOG.info(
          () ->
              "Mode transition of "
                  + element.elementId()
                  + " not forwarded: "
                  + ElementProbe.describe(e));
      throw StorageRegistry.unavailable(
          "The storage element at " + element.apiUrl() + " did not answer the transition.");
    }
    if (status >= 200 && status < 300) {
      String previous = previousMode(body, element.mode());
      return registry.recordTransition(actor, element, previous);
    }
    registry.recordRefusedTransition(actor, element, targetMode, status);
    throw ElementRefusals.of(
        status,
        body,
        "The storage element refused the transition.",
        "The storage element at " + element.apiUrl());
  }

  private static String previousMode(String body, String fallback) {
    JsonObject json = ElementRefusals.parse(body);
    return json != null && json.containsKey("previous_mode")
        ? json.getString("previous_mode", fallback)
        : fallback;
  }
}
