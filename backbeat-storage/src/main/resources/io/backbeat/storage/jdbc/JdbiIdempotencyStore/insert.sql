-- a live record stays (0 rows changed); one that expired by now is replaced
INSERT INTO idempotency_key (
  account_id, route, key, request_hash, task_id, response_status, response_body, created_at, expires_at)
VALUES (
  :accountId, :route, :key, :requestHash, :taskId, :responseStatus, :responseBody, :createdAt, :expiresAt)
ON CONFLICT (account_id, route, key) DO UPDATE
SET request_hash = excluded.request_hash,
    task_id = excluded.task_id,
    response_status = excluded.response_status,
    response_body = excluded.response_body,
    created_at = excluded.created_at,
    expires_at = excluded.expires_at
WHERE idempotency_key.expires_at <= excluded.created_at
