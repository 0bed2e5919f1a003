-- right-hand sides read the row as it was: the current secret becomes the previous one
UPDATE account
SET previous_webhook_secret = webhook_secret,
    previous_webhook_secret_expires_at = :previousValidUntil,
    webhook_secret = :newSecret
WHERE id = :id
