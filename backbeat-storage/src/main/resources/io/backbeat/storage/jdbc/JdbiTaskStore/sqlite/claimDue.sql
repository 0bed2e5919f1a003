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
  WHERE provider = :provider AND lease_owner IS NULL AND status = 'queued' AND next_run_at <= :now
  ORDER BY next_run_at, id
  LIMIT :max)
RETURNING *
