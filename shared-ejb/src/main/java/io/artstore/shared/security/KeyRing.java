package io.artstore.shared.security;

import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys a service knows at one moment: the current key (with its private half on the signing
 * service only), the next key (published ahead of a rotation, so that every verifier knows it
 * before anything is signed with it) and the previous public keys still inside their grace period.
 * Immutable; the {@link KeyRingHolder} swaps whole rings.
 */
public record KeyRing(
    String currentKid, String nextKid, RSAPrivateCrtKey signingKey, Map<String, Key> keys) {

  public KeyRing {
    keys = Map.copyOf(keys);
  }

  /**
   * One public key. {@code validUntil} is null for the current key and the end of the grace period
   * for a retired one; {@code since} is when the key was made (its file's modification time).
   */
  public record Key(String kid, RSAPublicKey publicKey, Instant since, Instant validUntil) {
    public boolean activeAt(Instant now) {
      return validUntil == null || now.isBefore(validUntil);
    }
  }

  public static KeyRing empty() {
    return new KeyRing(null, null, null, Map.of());
  }

  public boolean isEmpty() {
    return currentKid == null;
  }

  public Optional<Key> current() {
    return Optional.ofNullable(currentKid).map(keys::get);
  }

  /** Whether a token signed with {@code kid} may be accepted now. */
  public boolean accepts(String kid, Instant now) {
    Key key = kid == null ? null : keys.get(kid);
    return key != null && key.activeAt(now);
  }

  /** The keys tokens may be signed with now: the current one first, then the retired ones. */
  public List<Key> active(Instant now) {
    return keys.values().stream()
        .filter(k -> k.activeAt(now))
        .sorted(
            Comparator.comparing((Key k) -> !k.kid().equals(currentKid))
                .thenComparing(Key::since, Comparator.reverseOrder()))
        .toList();
  }
}
