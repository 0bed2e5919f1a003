DELETE FROM idempotency_key WHERE expires_at <= :now
