-- back to the queue, keeping its stage and attempts; the lease is released for any worker
UPDATE task
SET status = 'queued',
    next_run_at = :nextRunAt,
    last_error = :lastError,
    lease_owner = NULL,
    lease_until = NULL,
    updated_at = :now
WHERE id = :id AND status = 'running' AND lease_owner = :owner
