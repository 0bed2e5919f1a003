SELECT * FROM webhook_delivery WHERE task_id = :taskId ORDER BY created_at, id
