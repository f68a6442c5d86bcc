package io.artstore.shared.security;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** How a ring follows the key directory: the rule of rotation with a grace period. */
public final class KeyRings {
  private KeyRings() {}

  /**
   * The ring after reading {@code files}. The directory's current key becomes current. A key that
   * was current before and is not any more stays valid for {@code grace} from now (this service
   * just learned of the rotation); retired files stay valid until their retirement plus {@code
   * grace}; keys past their grace are dropped.
   */
  public static KeyRing next(
      KeyRing previous, KeyFiles.Snapshot files, Duration grace, Instant now) {
    String currentKid = Jwk.thumbprint(files.current());
    Map<String, KeyRing.Key> keys = new HashMap<>();
    keys.put(currentKid, new KeyRing.Key(currentKid, files.current(), files.currentSince(), null));
    String nextKid = null;
    if (files.next() != null && !Jwk.thumbprint(files.next()).equals(currentKid)) {
      nextKid = Jwk.thumbprint(files.next());
      keys.put(nextKid, new KeyRing.Key(nextKid, files.next(), files.nextSince(), null));
    }
    for (KeyFiles.Retired retired : files.retired()) {
      KeyRing.Key key =
          new KeyRing.Key(
              retired.kid(), retired.key(), retired.retiredAt(), retired.retiredAt().plus(grace));
      if (!retired.kid().equals(currentKid)
          && !retired.kid().equals(nextKid)
          && key.activeAt(now)) {
        keys.put(retired.kid(), key);
      }
    }
    for (KeyRing.Key old : previous.keys().values()) {
      if (old.kid().equals(currentKid) || old.kid().equals(nextKid)) {
        continue;
      }
      Instant until = old.validUntil() == null ? now.plus(grace) : old.validUntil();
      KeyRing.Key kept = new KeyRing.Key(old.kid(), old.publicKey(), old.since(), until);
      // A retired file, when there is one, is the authority on the grace (every service reads
      // the same file); memory only covers a replacement made without one.
      if (kept.activeAt(now) && !keys.containsKey(old.kid())) {
        keys.put(old.kid(), kept);
      }
    }
    return new KeyRing(currentKid, nextKid, files.privateKey(), keys);
  }
}
