-- a worker may fail only the run it still holds
UPDATE task
SET status = 'failed',
    error_code = :errorCode,
    error_message = :errorMessage,
    finished_at = :now,
    lease_owner = NULL,
    lease_until = NULL,
    updated_at = :now
WHERE id = :id AND status IN ('queued', 'running') AND lease_owner = :owner
