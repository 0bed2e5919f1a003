-- Backbeat schema v11, PostgreSQL (kept in step with sqlite/V11__due_index_by_status.sql).
--
-- task_due_index gains status after provider, so claimWakeUps (status 'running') and claimDue
-- (status 'queued') each start at their own first due row instead of passing over the other
-- status's entries (a long queue made every look for a parked task walk all of it).
DROP INDEX task_due_index;
CREATE INDEX task_due_index ON task (provider, status, next_run_at, id) WHERE lease_owner IS NULL AND status IN ('queued', 'running');
