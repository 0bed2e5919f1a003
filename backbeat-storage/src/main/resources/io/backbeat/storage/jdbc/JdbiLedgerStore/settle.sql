-- confirms an open hold; the balance does not change. An open hold has no settle or refund yet,
-- and the unique index ledger_entry_task_final_index keeps it that way under races.
INSERT INTO ledger_entry (account_id, task_id, kind, amount, balance_after, created_at)
SELECT held.account_id, held.task_id, 'settle', held.amount, account.credit_balance, :now
FROM ledger_entry held
JOIN account ON account.id = held.account_id
WHERE held.task_id = :taskId
  AND held.kind = 'hold'
  AND NOT EXISTS (
    SELECT 1 FROM ledger_entry closing
    WHERE closing.task_id = :taskId AND closing.kind IN ('settle', 'refund'))
ON CONFLICT DO NOTHING
