INSERT INTO ledger_entry (account_id, task_id, kind, amount, balance_after, created_at)
VALUES (:accountId, :taskId, :kind, :amount, :balanceAfter, :createdAt)
