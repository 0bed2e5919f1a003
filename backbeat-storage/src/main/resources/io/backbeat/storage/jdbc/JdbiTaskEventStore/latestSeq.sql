-- one index range (task_event_account_index); 0 when the account has no event yet
SELECT COALESCE(MAX(seq), 0) FROM task_event WHERE account_id = :accountId
