SELECT *
FROM ledger_entry
WHERE account_id = :accountId AND task_id = :taskId
ORDER BY id
