UPDATE api_key SET revoked_at = :revokedAt WHERE id = :id AND revoked_at IS NULL
