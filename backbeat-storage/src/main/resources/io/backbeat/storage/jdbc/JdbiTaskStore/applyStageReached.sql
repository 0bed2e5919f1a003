UPDATE task
SET stage = :to,
    result = :result,
    updated_at = :now
WHERE id = :id AND status = 'running' AND stage = :from AND lease_owner = :owner
