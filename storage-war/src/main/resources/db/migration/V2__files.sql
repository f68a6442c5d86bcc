-- The element's metadata cache (SPEC §3.5): one row per stored file, a copy of its attr.json.
-- attr.json is the truth; every row can be rebuilt from it. Rows exist for every file whose bytes
-- are on the element, whatever its status, so capacity and GC see deleted-but-not-purged files.
-- array_to_string is only STABLE, so a generated column cannot call it directly; joining text with
-- a space is immutable in fact.
CREATE FUNCTION tags_text(tags TEXT[]) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT array_to_string(tags, ' ') $$;

CREATE TABLE files (
    file_id            UUID        PRIMARY KEY,
    data_key           TEXT        NOT NULL UNIQUE,
    original_filename  TEXT,
    storage_filename   TEXT        NOT NULL,
    storage_path       TEXT        NOT NULL,
    size_bytes         BIGINT      NOT NULL CHECK (size_bytes >= 0),
    content_type       TEXT,
    checksum_algorithm TEXT        NOT NULL,
    checksum_value     TEXT        NOT NULL,
    created_at         TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ,
    uploaded_by_id     TEXT,
    uploaded_by_name   TEXT,
    description        TEXT,
    tags               TEXT[]      NOT NULL DEFAULT '{}',
    metadata           JSONB       NOT NULL DEFAULT '{}',
    retention_policy   TEXT        NOT NULL CHECK (retention_policy IN ('temporary', 'permanent')),
    ttl_days           INTEGER,
    expires_at         TIMESTAMPTZ,
    status             TEXT        NOT NULL CHECK (status IN ('active', 'deleted', 'expired')),
    storage_element_id TEXT,
    version            BIGINT      NOT NULL,
    schema_version     TEXT        NOT NULL,
    cached_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Search columns: what the element's own listing and the query service filter on.
    search_vector      TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(original_filename, '')), 'A') ||
        setweight(to_tsvector('simple', tags_text(tags)), 'A') ||
        setweight(to_tsvector('simple', coalesce(description, '')), 'B')
    ) STORED
);

CREATE INDEX files_status_created_idx ON files (status, created_at, file_id);
CREATE INDEX files_expires_idx ON files (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX files_search_idx ON files USING GIN (search_vector);

-- Fixity results: every mismatch found by a re-hash, kept until an operator looks at it.
CREATE TABLE fixity_failures (
    id            BIGSERIAL   PRIMARY KEY,
    file_id       UUID        NOT NULL,
    data_key      TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    expected      TEXT,
    actual        TEXT,
    detected_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX fixity_failures_file_idx ON fixity_failures (file_id);
