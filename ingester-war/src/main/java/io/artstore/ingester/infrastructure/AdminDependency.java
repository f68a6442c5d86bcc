package io.artstore.ingester.infrastructure;

import io.artstore.shared.health.AdminPeer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ingester service calls admin with its own service-account token; its status shows whether it
 * can.
 */
@ApplicationScoped
public class AdminDependency extends AdminPeer {}
