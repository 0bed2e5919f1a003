SELECT * FROM webhook_delivery WHERE id = :id
