-- newest first; the cursor is the last row of the previous page
SELECT *
FROM webhook_delivery
WHERE account_id = :accountId
  AND (:taskId IS NULL OR task_id = :taskId)
  AND (:beforeCreatedAt IS NULL
       OR created_at < :beforeCreatedAt
       OR (created_at = :beforeCreatedAt AND id < :beforeId))
ORDER BY created_at DESC, id DESC
LIMIT :max
