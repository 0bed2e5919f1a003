-- a revoked key authenticates nothing
SELECT * FROM api_key WHERE key_hash = :keyHash AND revoked_at IS NULL
