package io.artstore.storage.application;

/**
 * Who asks, as far as the element's rules care: the token's subject and name, and whether the
 * principal may act on any file (ADMIN service account, SUPER_ADMIN or ADMIN user) or is an ADMIN
 * service account (GC, transfers, {@code uploaded_by} on behalf of someone else).
 */
public record Requester(
    String subject, String name, boolean mayActOnAnyFile, boolean adminServiceAccount) {

  public boolean owns(io.artstore.storage.domain.FileAttributes file) {
    return file.uploadedBy() != null && subject != null && subject.equals(file.uploadedBy().id());
  }
}
