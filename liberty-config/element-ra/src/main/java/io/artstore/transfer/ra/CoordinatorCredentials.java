package io.artstore.transfer.ra;

import java.util.function.Supplier;

/**
 * The bearer token the adapter sends to the elements: admin mints its own ADMIN service-account
 * token and installs its supplier here when it starts. Until then (recovery early in a restart) the
 * adapter answers XAER_RMFAIL and the transaction manager tries again later.
 */
public final class CoordinatorCredentials {
  private static volatile Supplier<String> bearer;
  private static volatile Runnable onRefused = () -> {};

  private CoordinatorCredentials() {}

  /**
   * @param authorization the value of the Authorization header ("Bearer ...")
   * @param refused called when an element refused the token (a rotated key, say), so the next call
   *     gets a fresh one
   */
  public static void install(Supplier<String> authorization, Runnable refused) {
    onRefused = refused;
    bearer = authorization;
  }

  public static void uninstall() {
    bearer = null;
  }

  static String authorization() {
    Supplier<String> supplier = bearer;
    return supplier == null ? null : supplier.get();
  }

  static void refused() {
    onRefused.run();
  }
}
