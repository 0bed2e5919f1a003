-- listings show live keys only; revoked ones stay in the table for the tasks that name them
SELECT * FROM api_key WHERE account_id = :accountId AND revoked_at IS NULL ORDER BY created_at, id
