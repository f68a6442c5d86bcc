package io.artstore.admin.api.dto;

/** {@code POST /api/v1/storage-elements/discover}: the element's base URL. */
public record DiscoverRequest(String apiUrl) {}
