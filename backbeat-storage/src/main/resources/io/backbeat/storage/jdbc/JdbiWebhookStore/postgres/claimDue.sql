-- like JdbiTaskStore.claimDue: SKIP LOCKED keeps concurrent claimers from sharing a delivery
WITH due AS (
  SELECT id
  FROM webhook_delivery
  WHERE state = 'pending'
    AND next_attempt_at <= :now
    AND (lease_until IS NULL OR lease_until < :now)
  ORDER BY next_attempt_at, id
  LIMIT :max
  FOR UPDATE SKIP LOCKED
)
UPDATE webhook_delivery
SET lease_owner = :owner,
    lease_until = :leaseUntil
FROM due
WHERE webhook_delivery.id = due.id
RETURNING webhook_delivery.*
