-- Compressed files (SPEC §5.1, DECISIONS D35): the element records the algorithm, the stored size
-- and the stored bytes' checksum beside the original's; the registry keeps the same, so that a
-- record read back from the registry equals the element's attr.json.
ALTER TABLE files ADD COLUMN compression TEXT;
ALTER TABLE files ADD COLUMN stored_size_bytes BIGINT CHECK (stored_size_bytes >= 0);
ALTER TABLE files ADD COLUMN stored_checksum_value TEXT;
