UPDATE task
SET status = 'succeeded',
    stage = 'complete',
    result = :result,
    finished_at = :now,
    lease_owner = NULL,
    lease_until = NULL,
    updated_at = :now
WHERE id = :id AND status = 'running' AND lease_owner = :owner
