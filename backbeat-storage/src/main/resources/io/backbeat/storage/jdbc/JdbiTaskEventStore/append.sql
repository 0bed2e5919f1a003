INSERT INTO task_event (task_id, account_id, status, stage, reason, created_at)
VALUES (:taskId, :accountId, :status, :stage, :reason, :createdAt)
RETURNING seq
