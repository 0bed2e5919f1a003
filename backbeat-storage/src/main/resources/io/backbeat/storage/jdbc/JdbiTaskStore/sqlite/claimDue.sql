-- One statement selects and leases. SQLite has one writer at a time (transactions begin
-- IMMEDIATE), so nothing can claim the selected rows between the subquery and the update.
-- Due = one provider's queued tasks whose next_run_at has come; each claim is an attempt.
UPDATE task
SET status = 'running',
    lease_owner = :owner,
    lease_until = :leaseUntil,
    attempts = attempts + 1,
    updated_at = :now
WHERE id IN (
  SELECT id
  FROM task
  -- the IN term repeats task_due_index's WHERE: SQLite uses a partial index only when the query
  -- names its terms, and status = 'queued' alone made every claim scan the whole table
  WHERE provider = :provider AND lease_owner IS NULL AND status IN ('queued', 'running') AND status = 'queued'
    AND next_run_at <= :now
  ORDER BY next_run_at, id
  LIMIT :max)
RETURNING *
