-- check and debit in one statement; matches nothing when the account is unmetered (NULL balance)
-- or the balance does not cover the amount
UPDATE account
SET credit_balance = credit_balance - :amount
WHERE id = :accountId AND credit_balance >= :amount
RETURNING credit_balance
