-- Admin users (SPEC §2.1): people who use the console. Passwords are bcrypt hashes. Five failed
-- logins lock the account for a while (locked_until).
CREATE TABLE admin_users (
    id                  UUID        PRIMARY KEY,
    username            TEXT        NOT NULL UNIQUE CHECK (username = lower(username)),
    password_hash       TEXT        NOT NULL,
    role                TEXT        NOT NULL CHECK (role IN ('SUPER_ADMIN', 'ADMIN', 'READONLY')),
    status              TEXT        NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
    is_system           BOOLEAN     NOT NULL DEFAULT FALSE,
    failed_logins       INTEGER     NOT NULL DEFAULT 0,
    locked_until        TIMESTAMPTZ,
    password_changed_at TIMESTAMPTZ NOT NULL,
    last_login_at       TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX admin_users_one_system ON admin_users (is_system) WHERE is_system;

-- Refresh tokens that must not be used again (logged out, or exchanged by /refresh). Rows can go
-- once the token has expired anyway.
CREATE TABLE revoked_refresh_tokens (
    jti        TEXT        PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
