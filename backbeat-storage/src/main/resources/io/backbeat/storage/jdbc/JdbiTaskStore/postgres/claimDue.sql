-- One statement selects and leases. SKIP LOCKED passes over rows another claimer has locked
-- right now instead of waiting for them; a row that another claimer already leased and committed
-- is re-checked under the lock and no longer matches. So no task is handed out twice.
-- Due = queued and next_run_at reached, or running with an expired lease (its worker died).
WITH due AS (
  SELECT id
  FROM task
  WHERE (status = 'queued' AND next_run_at <= :now)
     OR (status = 'running' AND lease_until < :now)
  ORDER BY next_run_at, id
  LIMIT :max
  FOR UPDATE SKIP LOCKED
)
UPDATE task
SET status = 'running',
    lease_owner = :owner,
    lease_until = :leaseUntil,
    attempts = task.attempts + 1,
    updated_at = :now
FROM due
WHERE task.id = due.id
RETURNING task.*
