-- a revoked API key takes its access keys with it
SELECT a.* FROM access_key a JOIN api_key k ON k.id = a.api_key_id
WHERE a.access_key = :accessKey AND k.revoked_at IS NULL
