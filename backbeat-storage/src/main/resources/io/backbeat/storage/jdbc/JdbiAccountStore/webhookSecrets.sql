SELECT webhook_secret, previous_webhook_secret, previous_webhook_secret_expires_at
FROM account
WHERE id = :id
