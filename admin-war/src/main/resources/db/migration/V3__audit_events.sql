-- The audit log (SPEC §2.5): append-only, tamper-evident. Each record's MAC covers the previous
-- record's MAC (HMAC-SHA256 chain), so changing, deleting or reordering a record breaks the chain at
-- that record. Never deleted by ArtStore (retained at least 7 years).
CREATE TABLE audit_events (
    seq          BIGSERIAL   PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    occurred_at  TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    actor_type   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    resource     TEXT,
    result       TEXT        NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
    request_id   TEXT,
    details      TEXT,
    prev_mac     TEXT        NOT NULL,
    mac          TEXT        NOT NULL
);

CREATE INDEX audit_events_occurred ON audit_events (occurred_at);
CREATE INDEX audit_events_action ON audit_events (action, occurred_at);
CREATE INDEX audit_events_actor ON audit_events (actor, occurred_at);
