SELECT * FROM upstream_callback WHERE task_id = :taskId ORDER BY received_at, dedupe_key
