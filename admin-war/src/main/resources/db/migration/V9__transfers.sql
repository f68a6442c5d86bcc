-- Transfers between elements (SPEC §5.4, DECISIONS D41). A transfer is one request (a batch of
-- files, or one finalize); each file moves in its own XA transaction, whose registry branch also
-- sets the item's outcome, so an item reads committed exactly when the registry points at the
-- target.
CREATE TABLE transfers (
    transfer_id        UUID        PRIMARY KEY,
    kind               TEXT        NOT NULL CHECK (kind IN ('transfer', 'finalize')),
    target_element_id  TEXT,
    requested_by_id    TEXT,
    requested_by_name  TEXT,
    coordinator        TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at        TIMESTAMPTZ
);
CREATE INDEX transfers_created_idx ON transfers (created_at DESC);

CREATE TABLE transfer_items (
    transfer_id        UUID        NOT NULL REFERENCES transfers (transfer_id) ON DELETE CASCADE,
    position           INTEGER     NOT NULL,
    file_id            UUID        NOT NULL,
    source_element_id  TEXT,
    target_element_id  TEXT,
    state              TEXT        NOT NULL CHECK (state IN ('pending', 'staging', 'committing',
                                                             'committed', 'rolled_back',
                                                             'failed')),
    error_code         TEXT,
    error_detail       TEXT,
    branch_id          TEXT,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (transfer_id, position)
);
CREATE INDEX transfer_items_open_idx ON transfer_items (updated_at)
    WHERE state IN ('pending', 'staging', 'committing');

-- Copies a committed transfer left on its source (status transferred there): GC removes each
-- through the source's GC endpoint once the source allows it (its removal margin, its mode).
CREATE TABLE transfer_removals (
    file_id            UUID        NOT NULL,
    source_element_id  TEXT        NOT NULL,
    transfer_id        UUID        NOT NULL,
    committed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts           INTEGER     NOT NULL DEFAULT 0,
    last_error         TEXT,
    removed_at         TIMESTAMPTZ,
    PRIMARY KEY (file_id, source_element_id)
);
CREATE INDEX transfer_removals_due_idx ON transfer_removals (committed_at) WHERE removed_at IS NULL;
