package io.artstore.storage.domain;

/** What a client can ask of an element; which ones a mode allows is {@link ElementMode}'s rule. */
public enum Operation {
  UPLOAD,
  READ,
  DOWNLOAD,
  UPDATE_METADATA,
  DELETE;

  public String wireName() {
    return name().toLowerCase();
  }
}
