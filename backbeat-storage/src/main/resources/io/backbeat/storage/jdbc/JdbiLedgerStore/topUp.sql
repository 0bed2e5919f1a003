-- a first top-up makes the account metered
UPDATE account
SET credit_balance = COALESCE(credit_balance, 0) + :amount
WHERE id = :accountId
RETURNING credit_balance
