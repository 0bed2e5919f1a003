SELECT held.account_id, held.amount
FROM ledger_entry held
WHERE held.task_id = :taskId
  AND held.kind = 'hold'
  AND NOT EXISTS (
    SELECT 1 FROM ledger_entry closing
    WHERE closing.task_id = :taskId AND closing.kind IN ('settle', 'refund'))
