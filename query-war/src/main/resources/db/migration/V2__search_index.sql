-- The search index (SPEC §6): one row per registered file, fed by admin's file events and
-- rebuildable from admin's registry, so everything in this schema is derived data.
--
-- Text is lower-cased by the service before it reaches to_tsvector: a database created with the C
-- locale (embedded PostgreSQL) does not lower-case Cyrillic, which would split «Отчёт» from «отчёт».
-- The 'russian' configuration stems Russian words with the Russian and ASCII words with the English
-- Snowball stemmer (and folds ё into е); 'simple' keeps codes and identifiers as written.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE search_files (
    file_id            UUID        PRIMARY KEY,
    version            BIGINT      NOT NULL,
    status             TEXT        NOT NULL,
    -- Gone from admin's registry (file.removed): kept as a tombstone so an older event delivered
    -- again cannot bring the file back; a rebuild deletes tombstones.
    removed            BOOLEAN     NOT NULL DEFAULT false,
    original_filename  TEXT,
    filename_lower     TEXT        NOT NULL DEFAULT '',
    extension          TEXT,
    content_type       TEXT,
    size_bytes         BIGINT      NOT NULL,
    uploaded_by_id     TEXT,
    uploaded_by_name   TEXT,
    description        TEXT,
    tags               TEXT[]      NOT NULL DEFAULT '{}',
    metadata           JSONB       NOT NULL DEFAULT '{}',
    retention_policy   TEXT,
    storage_element_id TEXT        NOT NULL,
    created_at         TIMESTAMPTZ,
    expires_at         TIMESTAMPTZ,
    -- The file as the API shows it (admin's registry record).
    document           JSONB       NOT NULL,
    -- Filename and tags weigh A and B, the description C, metadata values D.
    search_vector      TSVECTOR    NOT NULL,
    -- Last written by an event or confirmed by a rebuild: a rebuild deletes rows it did not see.
    indexed_at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX search_files_vector_idx ON search_files USING gin (search_vector);
CREATE INDEX search_files_filename_trgm_idx ON search_files USING gin (filename_lower gin_trgm_ops);
CREATE INDEX search_files_filename_idx ON search_files (filename_lower text_pattern_ops);
CREATE INDEX search_files_tags_idx ON search_files USING gin (tags);
CREATE INDEX search_files_metadata_idx ON search_files USING gin (metadata jsonb_path_ops);
CREATE INDEX search_files_created_idx ON search_files (created_at DESC, file_id);
CREATE INDEX search_files_size_idx ON search_files (size_bytes);
CREATE INDEX search_files_expires_idx ON search_files (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX search_files_extension_idx ON search_files (extension);
CREATE INDEX search_files_content_type_idx ON search_files (content_type text_pattern_ops);
CREATE INDEX search_files_uploader_id_idx ON search_files (uploaded_by_id);
CREATE INDEX search_files_uploader_name_idx ON search_files (uploaded_by_name);
CREATE INDEX search_files_element_idx ON search_files (storage_element_id);
CREATE INDEX search_files_indexed_idx ON search_files (indexed_at);

-- Tags of active files with how many carry each: suggestions complete tags from here.
CREATE TABLE search_tags (
    tag       TEXT   PRIMARY KEY,
    tag_lower TEXT   NOT NULL,
    files     BIGINT NOT NULL
);
CREATE INDEX search_tags_prefix_idx ON search_tags (tag_lower text_pattern_ops, files DESC);

-- Full-text queries that found something, with how often they were asked: suggestions.
CREATE TABLE search_queries (
    query_lower TEXT        PRIMARY KEY,
    query       TEXT        NOT NULL,
    hits        BIGINT      NOT NULL,
    last_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX search_queries_prefix_idx ON search_queries (query_lower text_pattern_ops, hits DESC);

-- The last rebuilds, newest last: what GET /api/v1/index/status reports.
CREATE TABLE index_rebuilds (
    id          BIGSERIAL   PRIMARY KEY,
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    state       TEXT        NOT NULL CHECK (state IN ('running', 'succeeded', 'failed')),
    reason      TEXT        NOT NULL,
    files       BIGINT      NOT NULL DEFAULT 0,
    deleted     BIGINT      NOT NULL DEFAULT 0,
    error       TEXT
);
