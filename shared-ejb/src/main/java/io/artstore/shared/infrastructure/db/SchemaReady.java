package io.artstore.shared.infrastructure.db;

/**
 * CDI event fired once this service's schema is migrated: work that needs the tables at start-up
 * (first-start seeding, for example) observes it instead of racing the migration.
 */
public record SchemaReady(String schema) {}
