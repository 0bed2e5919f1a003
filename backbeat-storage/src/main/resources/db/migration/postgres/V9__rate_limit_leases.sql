-- Backbeat schema v9, PostgreSQL (kept in step with sqlite/V9__rate_limit_leases.sql).
--
-- A node now takes a small batch of tokens (a lease) from a bucket in one statement and admits
-- requests from it locally, instead of one statement per request. last_granted is how many tokens
-- the last statement on the bucket handed out (0: refused), which its RETURNING needs: the new row
-- alone does not say how far tat moved. last_allowed stays, kept equal to last_granted > 0, so a
-- node of the previous version taking one token per statement works on the same rows meanwhile.
ALTER TABLE rate_limit ADD COLUMN last_granted BIGINT NOT NULL DEFAULT 1;
