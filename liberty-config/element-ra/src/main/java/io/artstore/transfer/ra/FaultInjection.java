package io.artstore.transfer.ra;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A test-only switch (environment variable {@code ARTSTORE_FAULT_INJECTION}) that stops the
 * coordinator at a precise point of two-phase commit, so the system tests can prove recovery:
 *
 * <ul>
 *   <li>{@code halt-after-first-prepare}: the JVM halts (no shutdown, like {@code kill -9}) as soon
 *       as one element voted yes; the decision was not logged yet, so recovery rolls back;
 *   <li>{@code halt-before-commit}: halts when the first element is asked to commit; every
 *       participant voted yes and the decision is in the recovery log, so recovery commits;
 *   <li>{@code pause-before-commit:<seconds>}: waits there instead (once per transaction), while a
 *       test stops an element or cuts the database connection.
 * </ul>
 *
 * Never set in production: unset, it does nothing.
 */
final class FaultInjection {
  private static final Logger LOG = Logger.getLogger(FaultInjection.class.getName());
  static final String VARIABLE = "ARTSTORE_FAULT_INJECTION";

  private final String setting;
  private final Set<String> paused = ConcurrentHashMap.newKeySet();

  FaultInjection(String setting) {
    this.setting = setting == null ? "" : setting.trim();
  }

  static FaultInjection fromEnvironment() {
    return new FaultInjection(System.getenv(VARIABLE));
  }

  void afterPrepareYes(String branch) {
    if (setting.equals("halt-after-first-prepare")) {
      halt("after branch " + branch + " voted yes");
    }
  }

  /**
   * @param transaction the global transaction the branch belongs to: a pause happens once per
   *     transaction, before its first branch commits
   */
  void beforeCommit(String branch, String transaction) {
    if (setting.equals("halt-before-commit")) {
      halt("before the commit of branch " + branch);
    }
    if (setting.startsWith("pause-before-commit:") && paused.add(transaction)) {
      Duration pause = Duration.ofSeconds(Long.parseLong(setting.substring(20).trim()));
      LOG.warning(
          "ArtStore fault injection: pausing "
              + pause.toSeconds()
              + " s before the commit of branch "
              + branch);
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      LOG.warning("ArtStore fault injection: pause over, committing branch " + branch);
    }
  }

  private static void halt(String where) {
    LOG.severe("ArtStore fault injection: halting the JVM " + where);
    System.err.println("ArtStore fault injection: halting the JVM " + where);
    System.err.flush();
    Runtime.getRuntime().halt(137);
  }
}
