package io.artstore.query.infrastructure;

import io.artstore.query.application.SearchIndexDependency;
import io.artstore.shared.health.Dependency;
import io.artstore.shared.health.DependencyHealthCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/** Readiness shows whether the search index follows admin's events (never critical). */
@Readiness
@ApplicationScoped
public class SearchIndexReadiness extends DependencyHealthCheck {
  @Inject SearchIndexDependency index;

  @Override
  protected Dependency dependency() {
    return index;
  }
}
