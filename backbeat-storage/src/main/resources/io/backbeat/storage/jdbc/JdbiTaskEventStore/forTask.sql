SELECT * FROM task_event WHERE task_id = :taskId ORDER BY seq
