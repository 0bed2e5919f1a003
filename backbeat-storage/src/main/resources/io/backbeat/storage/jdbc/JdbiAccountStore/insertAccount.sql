INSERT INTO account (id, name, webhook_secret, created_at)
VALUES (:id, :name, :webhookSecret, :createdAt)
