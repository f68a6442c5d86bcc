-- The ingester service's own schema starts empty: its tables arrive, as further versions, with the
-- features that need them.
SELECT 1;
