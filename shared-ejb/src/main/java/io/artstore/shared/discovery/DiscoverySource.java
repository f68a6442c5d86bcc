package io.artstore.shared.discovery;

import java.util.Locale;

/**
 * Where the snapshot a service holds was last confirmed from: Redis (the normal case), admin's
 * internal endpoint (Redis down), the file persisted by an earlier run (both down since the start),
 * or nothing at all.
 */
public enum DiscoverySource {
  REDIS,
  ADMIN,
  DISK,
  NONE;

  /** The lower-case name shown in status, health and metric tags. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Redis and admin speak for the registry now; the disk and nothing do not. */
  public boolean live() {
    return this == REDIS || this == ADMIN;
  }
}
