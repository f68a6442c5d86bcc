-- An upload in progress on an element (SPEC §5.1): written before the bytes go out, removed once the
-- file is registered with admin or known not to be stored. What is left belongs to an upload that
-- failed or an ingester that died on the way; the sweeper settles it (registered → forget,
-- unregistered → withdraw from the element, or register it when it can no longer be withdrawn), so no
-- stored file stays invisible.
CREATE TABLE upload_intents (
    file_id         uuid        NOT NULL,
    element_id      text        NOT NULL,
    element_url     text        NOT NULL,
    instance_id     text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    PRIMARY KEY (file_id, element_id)
);

CREATE INDEX upload_intents_due ON upload_intents (next_attempt_at);
