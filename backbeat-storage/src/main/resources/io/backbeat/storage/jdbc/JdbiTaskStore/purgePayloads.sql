-- request is NOT NULL (every reader expects an object), so it becomes an empty one
UPDATE task
SET request = '{}',
    original_payload = NULL,
    result = NULL,
    payload_purged_at = :now
WHERE finished_at IS NOT NULL AND finished_at < :cutoff AND payload_purged_at IS NULL
