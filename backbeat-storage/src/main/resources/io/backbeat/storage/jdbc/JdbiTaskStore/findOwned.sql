-- the account is part of the key: the task of another account is simply not found
SELECT * FROM task WHERE id = :id AND account_id = :accountId
