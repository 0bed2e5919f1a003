INSERT INTO api_key (id, account_id, name, prefix, key_hash, created_at)
VALUES (:id, :accountId, :name, :prefix, :keyHash, :createdAt)
