-- only a pending delivery moves on; the lease is released whatever comes next
UPDATE webhook_delivery
SET state = :state,
    attempts = attempts + 1,
    next_attempt_at = :nextAttemptAt,
    last_status = :lastStatus,
    delivered_at = :deliveredAt,
    lease_owner = NULL,
    lease_until = NULL
WHERE id = :id AND state = 'pending'
