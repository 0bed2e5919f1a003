-- Parked tasks (RUNNING, no lease) whose next step is due: a relay's next poll, a rescued task.
-- Waking is not an attempt, so attempts stays. Same single-statement claim as claimDue.
UPDATE task
SET lease_owner = :owner,
    lease_until = :leaseUntil,
    updated_at = :now
WHERE id IN (
  SELECT id
  FROM task
  -- the IN term repeats task_due_index's WHERE: SQLite uses a partial index only when the query
  -- names its terms, and status = 'running' alone made every claim scan the whole table
  WHERE provider = :provider AND lease_owner IS NULL AND status IN ('queued', 'running') AND status = 'running'
    AND next_run_at <= :now
  ORDER BY next_run_at, id
  LIMIT :max)
RETURNING *
