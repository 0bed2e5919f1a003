UPDATE account
SET credit_balance = credit_balance + :amount
WHERE id = :accountId
RETURNING credit_balance
