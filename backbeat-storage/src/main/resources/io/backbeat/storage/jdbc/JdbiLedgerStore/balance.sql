SELECT credit_balance FROM account WHERE id = :accountId
