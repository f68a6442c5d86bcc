-- Every mode change of this element, by API or by configuration. The element's state file is the
-- truth about its current mode; this table is the queryable history.
CREATE TABLE mode_history (
    id          BIGSERIAL   PRIMARY KEY,
    element_id  TEXT        NOT NULL,
    from_mode   TEXT        NOT NULL,
    to_mode     TEXT        NOT NULL,
    cause       TEXT        NOT NULL CHECK (cause IN ('api', 'configuration')),
    request_id  TEXT,
    changed_at  TIMESTAMPTZ NOT NULL
);
