INSERT INTO task_reference (account_id, reference, task_id) VALUES (:accountId, :reference, :taskId)
