-- Retention and GC (SPEC §4). The registry row of a file carries its GC state: when its bytes were
-- removed for good (purged_at), the failed attempts so far and when to try again (exponential
-- back-off), and whether its file.expiring event was raised (once per file).
ALTER TABLE files
    ADD COLUMN purged_at            TIMESTAMPTZ,
    ADD COLUMN gc_attempts          INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN gc_last_attempt_at   TIMESTAMPTZ,
    ADD COLUMN gc_next_attempt_at   TIMESTAMPTZ,
    ADD COLUMN gc_last_error        TEXT,
    ADD COLUMN expiring_notified_at TIMESTAMPTZ;

-- The selection of a GC pass: temporary files past expiry, deleted files past the grace (the
-- element's updated_at of a deleted document is when it was deleted), expired ones; never purged.
CREATE INDEX files_gc_expired_idx ON files (expires_at)
    WHERE purged_at IS NULL AND status = 'active' AND retention_policy = 'temporary';
CREATE INDEX files_gc_deleted_idx ON files (updated_at)
    WHERE purged_at IS NULL AND status IN ('deleted', 'expired');
-- Files whose expiry warning is still to be raised.
CREATE INDEX files_expiring_idx ON files (expires_at)
    WHERE expiring_notified_at IS NULL AND status = 'active' AND retention_policy = 'temporary';

-- One row per GC pass (any replica), for GET /api/v1/gc/status and for replicas to skip a
-- scheduled pass another replica has just run.
CREATE TABLE gc_runs (
    id              BIGSERIAL   PRIMARY KEY,
    run_trigger     TEXT        NOT NULL CHECK (run_trigger IN ('scheduled', 'manual')),
    holder          TEXT        NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ NOT NULL,
    examined        INTEGER     NOT NULL,
    purged          INTEGER     NOT NULL,
    failed          INTEGER     NOT NULL,
    skipped         INTEGER     NOT NULL,
    expiring_events INTEGER     NOT NULL,
    error           TEXT
);
CREATE INDEX gc_runs_finished_idx ON gc_runs (finished_at DESC);

-- Capacity warnings: set when the element's used share reached the threshold (the event was
-- raised), cleared when it fell below, so each crossing raises one event.
ALTER TABLE storage_elements ADD COLUMN capacity_warning_since TIMESTAMPTZ;
