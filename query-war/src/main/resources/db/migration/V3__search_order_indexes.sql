-- Measured at 1,000,000 files (docs/BENCHMARKS.md, "Search at 1,000,000 files").
--
-- A search sorted by creation orders by created_at DESC NULLS LAST, file_id DESC (or ASC NULLS
-- FIRST, file_id ASC); V2's (created_at DESC, file_id) matches neither direction (its DESC puts
-- NULLs first and its file_id runs the other way), so every sorted search collected all its matches
-- and sorted them. An index in the search's own order serves both directions, and the page stops
-- after `limit` rows.
CREATE INDEX search_files_created_order_idx ON search_files (created_at DESC NULLS LAST, file_id DESC);
DROP INDEX search_files_created_idx;

-- A column of a dozen values: next to a selective condition (a rare word) the planner ANDed its
-- bitmap (~30 % of the table for pdf) with the selective one, reading 300,000 index entries to
-- drop a few hundred rows it would have filtered for free. Without it the extension is a filter.
DROP INDEX search_files_extension_idx;
