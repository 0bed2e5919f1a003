SELECT task_id FROM task_reference WHERE account_id = :accountId AND reference = :reference
