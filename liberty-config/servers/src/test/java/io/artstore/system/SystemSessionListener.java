package io.artstore.system;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * When the tests end with the system still running (a failure before {@link LifecycleIT}), stop it
 * as a user would, and kill whatever does not stop: a test run never leaves servers behind.
 */
public class SystemSessionListener implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    RunningSystem.stopIfRunning();
  }
}
