INSERT INTO webhook_attempt (
  delivery_id, attempt_no, attempted_at, status_code, latency_ms, response_excerpt, error)
VALUES (
  :deliveryId, :attemptNo, :attemptedAt, :statusCode, :latencyMs, :responseExcerpt, :error)
