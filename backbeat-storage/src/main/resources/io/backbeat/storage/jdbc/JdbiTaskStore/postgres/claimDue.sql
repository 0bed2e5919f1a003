-- One statement selects and leases. SKIP LOCKED passes over rows another claimer has locked
-- right now instead of waiting for them; a row that another claimer already leased and committed
-- is re-checked under the lock and no longer matches. So no task is handed out twice.
-- Due = one provider's queued tasks whose next_run_at has come; each claim is an attempt.
WITH due AS (
  SELECT id
  FROM task
  WHERE provider = :provider AND lease_owner IS NULL AND status = 'queued' AND next_run_at <= :now
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
