SELECT *
FROM idempotency_key
WHERE account_id = :accountId AND route = :route AND key = :key AND expires_at > :now
