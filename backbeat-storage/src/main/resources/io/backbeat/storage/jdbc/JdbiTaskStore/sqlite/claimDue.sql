-- One statement selects and leases. SQLite has one writer at a time (transactions begin
-- IMMEDIATE), so nothing can claim the selected rows between the subquery and the update.
-- Due = queued and next_run_at reached, or running with an expired lease (its worker died).
UPDATE task
SET status = 'running',
    lease_owner = :owner,
    lease_until = :leaseUntil,
    attempts = attempts + 1,
    updated_at = :now
WHERE id IN (
  SELECT id
  FROM task
  WHERE (status = 'queued' AND next_run_at <= :now)
     OR (status = 'running' AND lease_until < :now)
  ORDER BY next_run_at, id
  LIMIT :max)
RETURNING *
