package io.artstore.query.infrastructure;

import io.artstore.shared.health.AdminPeer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The query service calls admin with its own service-account token; its status shows whether it
 * can.
 */
@ApplicationScoped
public class AdminDependency extends AdminPeer {}
