package io.artstore.query.application;

import io.artstore.shared.health.Dependency;
import io.artstore.shared.health.DependencyState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The search index's event feed, as status and readiness show it: UP while this replica reads the
 * feed and is less than {@value #MAX_LAG_SECONDS} s behind. Not critical: searches keep answering
 * from the index as it is (only fresher changes are missing).
 */
@ApplicationScoped
public class SearchIndexDependency implements Dependency {
  static final double MAX_LAG_SECONDS = 30;

  @Inject IndexFeed feed;

  @Override
  public String name() {
    return "search-index";
  }

  @Override
  public boolean critical() {
    return false;
  }

  @Override
  public DependencyState probe() {
    if (!feed.connected()) {
      return DependencyState.down(name(), false, 0, "event feed not connected (Redis)");
    }
    double lag = feed.lagSeconds();
    if (lag > MAX_LAG_SECONDS) {
      return DependencyState.down(name(), false, 0, "index " + Math.round(lag) + " s behind");
    }
    return DependencyState.up(name(), false, 0);
  }
}
