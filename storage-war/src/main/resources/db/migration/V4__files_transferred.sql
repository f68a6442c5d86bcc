-- Transfers (DECISIONS D40): the copy a committed transfer left on its source element keeps its
-- row, with status 'transferred', until GC removes it; listings and file counts leave it out.
ALTER TABLE files DROP CONSTRAINT IF EXISTS files_status_check;
ALTER TABLE files ADD CONSTRAINT files_status_check
    CHECK (status IN ('active', 'deleted', 'expired', 'transferred'));
