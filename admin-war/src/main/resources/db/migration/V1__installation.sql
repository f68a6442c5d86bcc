-- The identity of this ArtStore installation: exactly one row, created on first start.
CREATE TABLE installation (
    singleton  BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    id         UUID        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);
