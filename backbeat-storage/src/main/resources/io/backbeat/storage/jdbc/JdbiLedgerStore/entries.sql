SELECT *
FROM ledger_entry
WHERE account_id = :accountId AND id < :beforeId
ORDER BY id DESC
LIMIT :max
