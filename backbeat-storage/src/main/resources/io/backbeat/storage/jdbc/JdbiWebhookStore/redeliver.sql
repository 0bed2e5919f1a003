-- back in the queue, due now, with the same id and body; attempt numbers continue, and a lease
-- held by an attempt in flight is left to run out
UPDATE webhook_delivery
SET state = 'pending',
    next_attempt_at = :now,
    delivered_at = NULL
WHERE id = :id
