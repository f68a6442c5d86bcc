-- The cluster-wide file registry (SPEC §4): one row per stored file, a copy of its attr.json on
-- its element plus where it lives. Elements stay the truth; the registry is rebuildable from them.
CREATE TABLE files (
    file_id            UUID        PRIMARY KEY,
    storage_element_id TEXT        NOT NULL,
    storage_path       TEXT        NOT NULL,
    storage_filename   TEXT        NOT NULL,
    original_filename  TEXT,
    content_type       TEXT,
    size_bytes         BIGINT      NOT NULL CHECK (size_bytes >= 0),
    checksum_algorithm TEXT        NOT NULL,
    checksum_value     TEXT        NOT NULL,
    uploaded_by_id     TEXT,
    uploaded_by_name   TEXT,
    description        TEXT,
    tags               TEXT[]      NOT NULL DEFAULT '{}',
    metadata           JSONB       NOT NULL DEFAULT '{}',
    retention_policy   TEXT        NOT NULL CHECK (retention_policy IN ('temporary', 'permanent')),
    ttl_days           INTEGER,
    expires_at         TIMESTAMPTZ,
    status             TEXT        NOT NULL CHECK (status IN ('active', 'deleted', 'expired')),
    version            BIGINT      NOT NULL,
    schema_version     TEXT        NOT NULL,
    created_at         TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ,
    registered_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX files_element_status_idx ON files (storage_element_id, status);
CREATE INDEX files_expiry_idx ON files (expires_at) WHERE expires_at IS NOT NULL AND status = 'active';
CREATE INDEX files_uploader_idx ON files (uploaded_by_id);
CREATE INDEX files_created_idx ON files (created_at DESC, file_id);

-- The event outbox (SPEC §4): every registry change writes its event in the same transaction; a
-- relay publishes unpublished rows in id order (at least once) and marks them.
CREATE TABLE event_outbox (
    id            BIGSERIAL   PRIMARY KEY,
    event_type    TEXT        NOT NULL,
    aggregate_id  TEXT        NOT NULL,
    payload       JSONB       NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ,
    attempts      INTEGER     NOT NULL DEFAULT 0
);
CREATE INDEX event_outbox_unpublished_idx ON event_outbox (id) WHERE published_at IS NULL;
