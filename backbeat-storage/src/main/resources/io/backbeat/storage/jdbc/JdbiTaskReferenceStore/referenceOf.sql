SELECT reference FROM task_reference WHERE task_id = :taskId
