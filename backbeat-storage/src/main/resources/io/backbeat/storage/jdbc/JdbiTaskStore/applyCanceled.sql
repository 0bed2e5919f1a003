UPDATE task
SET status = 'canceled',
    finished_at = :now,
    lease_owner = NULL,
    lease_until = NULL,
    updated_at = :now
WHERE id = :id AND status IN ('queued', 'running')
