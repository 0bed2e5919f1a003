-- Backbeat schema v11, SQLite (kept in step with postgres/V11__due_index_by_status.sql).
--
-- task_due_index gains status after provider. claimWakeUps looks for parked tasks (status
-- 'running') and claimDue for queued ones; with status only in the index's WHERE, each claim read
-- the table row of every entry before the first match, so looking for a parked task walked the
-- whole queue (8,000 queued tasks: 15-60 ms per claim, under the write lock every create waits
-- for). With status as an equality column each claim starts at its first due row.
DROP INDEX task_due_index;
CREATE INDEX task_due_index ON task (provider, status, next_run_at, id) WHERE lease_owner IS NULL AND status IN ('queued', 'running');
