SELECT * FROM webhook_attempt WHERE delivery_id = :deliveryId ORDER BY attempt_no, id
