package io.artstore.admin.api.dto;

import io.artstore.shared.client.storage.ElementInfo;

/** What an element says about itself, before it is registered. */
public record DiscoveryPreview(String apiUrl, ElementInfo element) {}
