-- Service accounts (SPEC §2.1): machine principals with client credentials. The secret is kept
-- only as a hash; status 'deleted' is a soft delete.
CREATE TABLE service_accounts (
    id                UUID        PRIMARY KEY,
    name              TEXT        NOT NULL,
    client_id         TEXT        NOT NULL UNIQUE,
    secret_hash       TEXT        NOT NULL,
    role              TEXT        NOT NULL CHECK (role IN ('ADMIN', 'USER', 'AUDITOR', 'READONLY')),
    status            TEXT        NOT NULL CHECK (status IN ('active', 'suspended', 'expired', 'deleted')),
    is_system         BOOLEAN     NOT NULL DEFAULT FALSE,
    rate_limit        INTEGER     NOT NULL CHECK (rate_limit > 0),
    secret_expires_at TIMESTAMPTZ,
    description       TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    last_used_at      TIMESTAMPTZ
);

-- At most one system account: the one created on first start.
CREATE UNIQUE INDEX service_accounts_one_system ON service_accounts (is_system) WHERE is_system;
