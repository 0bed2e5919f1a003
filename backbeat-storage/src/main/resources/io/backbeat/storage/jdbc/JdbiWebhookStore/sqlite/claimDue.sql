-- like JdbiTaskStore.claimDue: one writer at a time makes select-then-lease one atomic step
UPDATE webhook_delivery
SET lease_owner = :owner,
    lease_until = :leaseUntil
WHERE id IN (
  SELECT id
  FROM webhook_delivery
  WHERE state = 'pending'
    AND next_attempt_at <= :now
    AND (lease_until IS NULL OR lease_until < :now)
  ORDER BY next_attempt_at, id
  LIMIT :max)
RETURNING *
