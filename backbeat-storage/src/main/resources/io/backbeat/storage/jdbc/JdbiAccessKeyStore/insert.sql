INSERT INTO access_key (access_key, secret, account_id, api_key_id, created_at) VALUES (:accessKey, :secret, :accountId, :apiKeyId, :createdAt)
