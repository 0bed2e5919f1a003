INSERT INTO webhook_delivery (
  id, state, task_id, account_id, url, event_type, body,
  attempts, next_attempt_at, last_status, created_at, delivered_at)
VALUES (
  :id, :state, :taskId, :accountId, :url, :eventType, :body,
  :attempts, :nextAttemptAt, :lastStatus, :createdAt, :deliveredAt)
