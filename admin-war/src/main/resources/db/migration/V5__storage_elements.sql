-- The storage-element registry (SPEC §4). One row per registered element; what its /api/v1/info
-- said at the last sync (mode, capacity, file count) and what the health sync saw (status, errors).
CREATE TABLE storage_elements (
    id                       UUID        PRIMARY KEY,
    element_id               TEXT        NOT NULL UNIQUE,
    name                     TEXT        NOT NULL,
    description              TEXT,
    api_url                  TEXT        NOT NULL UNIQUE,
    mode                     TEXT        NOT NULL CHECK (mode IN ('edit', 'rw', 'ro', 'ar')),
    status                   TEXT        NOT NULL CHECK (status IN ('online', 'offline', 'degraded')),
    storage_type             TEXT        NOT NULL,
    priority                 INTEGER     NOT NULL,
    capacity_total_bytes     BIGINT      NOT NULL DEFAULT 0,
    capacity_used_bytes      BIGINT      NOT NULL DEFAULT 0,
    capacity_available_bytes BIGINT      NOT NULL DEFAULT 0,
    file_count               BIGINT      NOT NULL DEFAULT 0,
    -- Incremented on every change of this row.
    version                  BIGINT      NOT NULL DEFAULT 1,
    last_sync_at             TIMESTAMPTZ,
    last_error               TEXT,
    consecutive_failures     INTEGER     NOT NULL DEFAULT 0,
    created_at               TIMESTAMPTZ NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL
);

CREATE INDEX storage_elements_mode ON storage_elements (mode);
CREATE INDEX storage_elements_status ON storage_elements (status);

-- The version of the registry as a whole: the discovery snapshot's version. Bumped in the same
-- transaction as every change, so a snapshot read with it is exactly that version's content.
CREATE TABLE registry_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT  NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (1, 0);

-- Leases of singleton jobs (health sync, ...) across admin replicas: a replica runs the job only
-- while it holds an unexpired lease.
CREATE TABLE job_leases (
    name       TEXT        PRIMARY KEY,
    holder     TEXT        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
