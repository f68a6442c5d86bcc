-- Compressed files (DECISIONS D35): how the data file is stored. NULL columns mean "stored as
-- sent", so every existing row stays correct; size_bytes and checksum_* keep describing the
-- original bytes, stored_size_bytes is what the file takes on the element (capacity).
ALTER TABLE files ADD COLUMN compression TEXT CHECK (compression IN ('gzip', 'zstd'));
ALTER TABLE files ADD COLUMN stored_size_bytes BIGINT CHECK (stored_size_bytes >= 0);
ALTER TABLE files ADD COLUMN stored_checksum_value TEXT;
